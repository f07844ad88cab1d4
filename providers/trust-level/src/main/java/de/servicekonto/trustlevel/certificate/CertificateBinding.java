package de.servicekonto.trustlevel.certificate;

import de.servicekonto.trustlevel.TrustLevel;
import java.util.Optional;
import org.keycloak.models.UserModel;

/**
 * Where a certificate's binding to an account is stored: the one place that knows the two user attributes. Both are
 * unmanaged attributes, which the realm's user profile lets only administrators see and change
 * ({@code unmanagedAttributePolicy} ADMIN_EDIT), so a citizen cannot bind a certificate by editing the account.
 */
public final class CertificateBinding {

    /** User attribute: the bound certificate as the X.509 user mapper reads it (serial number and issuer). */
    public static final String ATTRIBUTE = "sk-certificate";
    /** User attribute: the account's proofing level when the certificate was bound ({@code niedrig} or {@code hoch}). */
    public static final String LEVEL_ATTRIBUTE = "sk-certificate-level";

    private CertificateBinding() {
    }

    public static TrustLevel boundAt(UserModel user) {
        return CertificateRule.boundAt(user.getFirstAttribute(LEVEL_ATTRIBUTE));
    }

    /** The level at which this certificate is bound to the account, if it is the account's certificate. */
    static Optional<TrustLevel> boundHereAt(UserModel user, String identity) {
        return identity.equals(user.getFirstAttribute(ATTRIBUTE)) ? Optional.of(boundAt(user)) : Optional.empty();
    }

    /** One certificate per account: a new binding (a renewed certificate) replaces the earlier one. */
    static void bind(UserModel user, String identity, TrustLevel level) {
        user.setSingleAttribute(ATTRIBUTE, identity);
        user.setSingleAttribute(LEVEL_ATTRIBUTE, level.germanName());
    }
}
