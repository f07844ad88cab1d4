package de.servicekonto.organisations;

import java.util.List;
import java.util.Optional;

/**
 * The choice at login whether to act as oneself or for one of one's organisations. The page offers the
 * organisations the person may act for; what comes back is checked against exactly that list, so a changed form
 * (an organisation of someone else, a suspended authority) is refused with {@value #FORGED}.
 */
public final class ActingFor {

    /** The form value for acting as oneself. */
    public static final String PERSONAL = "personal";
    /** The OIDC scope with which a portal asks for the choice. */
    public static final String SCOPE = "sk-organisation";
    /** Client attribute with which a portal (SAML or OIDC) always asks for the choice. */
    public static final String CLIENT_ATTRIBUTE = "sk.organisation.choice";
    public static final String FORGED = "forged_choice";

    private ActingFor() {
    }

    /** An organisation the person may act for, with their role in it. */
    public record Option(String id, String name, AccountKind kind, MemberRole role) {
    }

    /**
     * The organisation chosen, or empty for acting as oneself.
     *
     * @throws OrganisationException {@value #FORGED} for anything that is not one of {@code options}
     */
    public static Optional<Option> resolve(String submitted, List<Option> options) {
        if (PERSONAL.equals(submitted)) {
            return Optional.empty();
        }
        return options.stream().filter(o -> o.id().equals(submitted)).findFirst()
                .map(Optional::of)
                .orElseThrow(() -> new OrganisationException(400, FORGED, "not an organisation this account may act for"));
    }
}
