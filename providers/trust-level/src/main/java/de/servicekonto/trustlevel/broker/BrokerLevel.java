package de.servicekonto.trustlevel.broker;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The level a login through another state's Servicekonto (FINK) or an eIDAS connector reaches here. The partner
 * states its level twice at most, in the assertion's {@code AuthnContextClassRef} and in the trust-level attribute;
 * the lower of what it states counts (a partner contradicting itself gets the benefit of no doubt), and never more
 * than the operator configured the partner to vouch for ({@value #CAP_SETTING}): a partner's signature proves who
 * speaks, not that its identity proofing meets ours. Keycloak compares nothing of this (its SAML broker does not check
 * the returned class reference), so this is the only place. No Keycloak types: the glue passes strings in.
 */
public final class BrokerLevel {

    /** Identity-provider setting: the highest level the partner is trusted for ({@code niedrig} … {@code hoch}). */
    public static final String CAP_SETTING = "sk.trust.max";
    /** Identity-provider setting: the means name recorded for its logins ({@code FINK}, {@code eIDAS}). */
    public static final String MEANS_SETTING = "sk.trust.means";
    public static final String DEFAULT_MEANS = "FINK";

    /** Why a brokered login reaches no level here (event detail, log). */
    public static final String NO_CAP = "partner_level_not_configured";
    public static final String NO_LEVEL = "partner_stated_no_level";
    public static final String BELOW_REQUESTED = "partner_level_below_requested";

    private BrokerLevel() {
    }

    /** The outcome: the level reached, or the reason none is. */
    public record Decision(TrustLevel level, String refusal) {

        static Decision reached(TrustLevel level) {
            return new Decision(level, null);
        }

        static Decision refused(String refusal) {
            return new Decision(null, refusal);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    /**
     * @param classRef     the assertion's AuthnContextClassRef, if any
     * @param attribute    the value of the trust-level attribute, if any
     * @param capSetting   the identity provider's {@value #CAP_SETTING}
     * @param requestedLoa the level the portal asked for (Keycloak LoA; 0 or less: none)
     */
    public static Decision decide(Optional<String> classRef, Optional<String> attribute, String capSetting,
                                  int requestedLoa) {
        Optional<TrustLevel> cap = capSetting == null ? Optional.empty()
                : TrustLevel.fromGermanName(capSetting.strip().toLowerCase(Locale.ROOT));
        if (cap.isEmpty()) {
            return Decision.refused(NO_CAP);
        }
        // Values in no vocabulary of ours (e.g. SAML's PasswordProtectedTransport) state no level.
        Optional<TrustLevel> stated = Stream.of(classRef, attribute)
                .flatMap(Optional::stream)
                .map(value -> TrustLevelIdentifier.parse(value.strip()))
                .flatMap(Optional::stream)
                .map(TrustLevelIdentifier::level)
                .min(BrokerLevel::byLoa);
        if (stated.isEmpty()) {
            return Decision.refused(NO_LEVEL);
        }
        TrustLevel reached = byLoa(stated.get(), cap.get()) <= 0 ? stated.get() : cap.get();
        if (reached.loa() < requestedLoa) {
            return Decision.refused(BELOW_REQUESTED);
        }
        return Decision.reached(reached);
    }

    /**
     * User attribute: the identity provider whose login created the account from its data. Only such an account is
     * the partner's person as far as we know; one the citizen linked to a partner identity later (Keycloak's
     * {@code idp_link}, from a password session) is not, and whoever knew the password could have linked their own.
     */
    public static final String SOURCE_ATTRIBUTE = "sk-broker-source";
    /** Why a level above niedrig is withheld (event detail). */
    public static final String NOT_CREATED_BY_PARTNER = "account_not_created_through_partner";
    public static final String IDENTITY_DIFFERS = "account_identity_differs_from_assertion";

    /**
     * What the partner's level counts for on this account: above niedrig only for an account the partner's data
     * created, whose identity (names, birth date) still reads as the partner asserts it now; else niedrig (the login
     * itself is the partner's, the account's identity is not). Empty: the level stands.
     */
    public static Optional<String> withheld(boolean createdThroughPartner, boolean identityAsAsserted) {
        if (!createdThroughPartner) {
            return Optional.of(NOT_CREATED_BY_PARTNER);
        }
        return identityAsAsserted ? Optional.empty() : Optional.of(IDENTITY_DIFFERS);
    }

    /** The means name of a partner's logins: the setting, or {@value #DEFAULT_MEANS}. */
    public static String means(String meansSetting) {
        // Only the names of brokered means: a free text would let a partner's logins pass for the ID card ("eID").
        return "eIDAS".equals(meansSetting == null ? null : meansSetting.strip()) ? "eIDAS" : DEFAULT_MEANS;
    }

    private static int byLoa(TrustLevel a, TrustLevel b) {
        return Integer.compare(a.loa(), b.loa());
    }
}
