package de.servicekonto.stammdaten.validator;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.ValidationContext;

/** Reading the values a user-profile validator is given. */
final class ProfileValues {

    private ProfileValues() {
    }

    /** The non-empty values of the validated input (single value or list). */
    static List<String> of(Object input) {
        if (input instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).map(Object::toString).filter(v -> !v.isBlank())
                    .collect(Collectors.toList());
        }
        return input == null || input.toString().isBlank() ? List.of() : List.of(input.toString());
    }

    /** The user-profile context of a validation, or null when the validator runs outside a user profile. */
    static AttributeContext attributeContext(ValidationContext context) {
        return context instanceof UserProfileAttributeValidationContext profile ? profile.getAttributeContext() : null;
    }
}
