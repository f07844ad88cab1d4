package de.servicekonto.trustlevel.certificate;

import de.servicekonto.trustlevel.TrustLevel;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Where a certificate's binding to an account is stored: the one place that knows the user attributes. Keycloak's
 * X.509 user mapper (setting "Certificate Serial Number and IssuerDN" with "Custom Attribute Mapper") reads the
 * certificate as {@code serial##issuer} and looks for an account whose two attributes, named
 * {@value #SERIAL_ATTRIBUTE}{@code ##}{@value #ISSUER_ATTRIBUTE} in its settings, hold these two parts. All three are
 * unmanaged attributes, which the realm's user profile lets only administrators see and change
 * ({@code unmanagedAttributePolicy} ADMIN_EDIT), so a citizen cannot bind a certificate by editing the account.
 */
public final class CertificateBinding {

    public static final String SERIAL_ATTRIBUTE = "sk-certificate-serial";
    public static final String ISSUER_ATTRIBUTE = "sk-certificate-issuer";
    /** User attribute: the account's proofing level when the certificate was bound ({@code niedrig} or {@code hoch}). */
    public static final String LEVEL_ATTRIBUTE = "sk-certificate-level";
    /** Keycloak's delimiter between the parts of the mapper's identity and attribute names. */
    static final String DELIMITER = "##";

    /** A certificate as the user mapper names it: its serial number and its issuer's name. */
    record Certificate(String serial, String issuer) {

        /** The mapper's identity {@code serial##issuer}; anything else is no certificate we can bind. */
        static Optional<Certificate> of(String identity) {
            String[] parts = identity == null ? new String[0] : identity.split(DELIMITER, -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Certificate(parts[0], parts[1]));
        }

        boolean boundTo(UserModel user) {
            return serial.equals(user.getFirstAttribute(SERIAL_ATTRIBUTE)) && issuer.equals(user.getFirstAttribute(ISSUER_ATTRIBUTE));
        }
    }

    private CertificateBinding() {
    }

    public static TrustLevel boundAt(UserModel user) {
        return CertificateRule.boundAt(user.getFirstAttribute(LEVEL_ATTRIBUTE));
    }

    /** The level at which this certificate is bound to the account, if it is the account's certificate. */
    static Optional<TrustLevel> boundHereAt(UserModel user, Certificate certificate) {
        return certificate.boundTo(user) ? Optional.of(boundAt(user)) : Optional.empty();
    }

    /** True if another account holds this certificate. */
    static boolean boundElsewhere(KeycloakSession session, RealmModel realm, UserModel user, Certificate certificate) {
        return session.users().searchForUserByUserAttributeStream(realm, SERIAL_ATTRIBUTE, certificate.serial())
                .anyMatch(other -> !other.getId().equals(user.getId()) && certificate.boundTo(other));
    }

    /** True if a certificate is bound to the account. */
    public static boolean isBound(UserModel user) {
        return user.getFirstAttribute(SERIAL_ATTRIBUTE) != null;
    }

    /**
     * Removes the account's certificate binding if it was made with only the password ({@link
     * CertificateRule#fallsWithThePassword}) and answers whether it did: after a password change or reset, and when
     * the ID card is linked to the account for the first time.
     */
    public static boolean unbindIfBoundWithThePassword(UserModel user) {
        if (!isBound(user) || !CertificateRule.fallsWithThePassword(boundAt(user))) {
            return false;
        }
        user.removeAttribute(SERIAL_ATTRIBUTE);
        user.removeAttribute(ISSUER_ATTRIBUTE);
        user.removeAttribute(LEVEL_ATTRIBUTE);
        return true;
    }

    /** One certificate per account: a new binding (a renewed certificate) replaces the earlier one. */
    static void bind(UserModel user, Certificate certificate, TrustLevel level) {
        user.setSingleAttribute(SERIAL_ATTRIBUTE, certificate.serial());
        user.setSingleAttribute(ISSUER_ATTRIBUTE, certificate.issuer());
        user.setSingleAttribute(LEVEL_ATTRIBUTE, level.germanName());
    }
}
