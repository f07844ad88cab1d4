package de.servicekonto.trustlevel.means;

import de.servicekonto.trustlevel.passkey.PasskeyRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The means of authentication this service offers, named as BundID names them in {@code akdb:AuthnMethods} and in
 * the AssertionProvedBy attribute, and the authenticators that implement them.
 */
public final class Means {

    public static final String BENUTZERNAME = "Benutzername";
    public static final String EID = "eID";
    /** Another state's Servicekonto (FINK) through an identity provider, the name BundID uses for it. */
    public static final String FINK = "FINK";
    /** An EU eID through the national eIDAS connector, an identity provider too. */
    public static final String EIDAS = "eIDAS";
    /**
     * A software certificate presented in mutual TLS (ELSTER-style, or an organisation's), bound to the account: the
     * name BundID gives the ELSTER certificate. Not in {@link #OFFERED}: a realm offers it only where the operator
     * trusts certificate issuers, and the browser, not the login page, offers the certificate.
     */
    public static final String ELSTER = "Elster";
    /** What this service offers, in the order of the login page. */
    public static final List<String> OFFERED = List.of(BENUTZERNAME, EID);
    /** Offered where the realm has an identity provider for them ({@code sk.trust.means}); see {@link MeansOfferPage}. */
    public static final List<String> BROKERED = List.of(FINK, EIDAS);
    /**
     * Every means a login can record ({@code sk-means.<level>}): the offered ones, the passkey, alone or after the
     * password, and the brokered ones. The passkey is not part of {@link #OFFERED}: BundID's {@code akdb:AuthnMethods}
     * has no name for it ({@link MeansOffer#of} counts it as {@link #BENUTZERNAME}).
     */
    public static final List<String> RECORDED = List.of(BENUTZERNAME, EID, PasskeyRule.PASSKEY, PasskeyRule.PASSWORD_AND_PASSKEY,
            FINK, EIDAS, ELSTER);

    private static final Map<String, String> BY_AUTHENTICATOR = Map.of(
            "auth-username-password-form", BENUTZERNAME,
            PortalPasswordFormFactory.ID, BENUTZERNAME,
            "auth-password-form", BENUTZERNAME,
            "sk-eid", EID);

    private Means() {
    }

    /** The means an authenticator implements, if it is one of ours. */
    public static Optional<String> ofAuthenticator(String authenticatorId) {
        return Optional.ofNullable(authenticatorId).map(BY_AUTHENTICATOR::get);
    }
}
