package de.servicekonto.stammdaten;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which OpenID Connect scope releases which master data attribute. The consent screen names the scopes, and its
 * German texts list exactly these attributes; a portal without the scope gets none of them.
 */
public final class ReleaseScopes {

    /** Scope → user-profile attribute names it releases. */
    public static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "profile", Set.of("firstName", "lastName", "birthdate", "gender", "academicTitle", "birthName",
                    "placeOfBirth", "countryOfBirth", "nationality"),
            "address", Set.of("street", "houseNumber", "postal_code", "locality", "country"),
            "email", Set.of("email", "deMail"),
            "phone", Set.of("phoneNumber"));

    private ReleaseScopes() {
    }

    /** The attributes the granted scopes release. */
    public static Predicate<String> released(Collection<String> grantedScopes) {
        Set<String> scopes = grantedScopes.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        return attribute -> ATTRIBUTES.entrySet().stream()
                .anyMatch(entry -> scopes.contains(entry.getKey()) && entry.getValue().contains(attribute));
    }
}
