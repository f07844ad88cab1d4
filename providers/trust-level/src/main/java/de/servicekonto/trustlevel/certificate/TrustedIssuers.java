package de.servicekonto.trustlevel.certificate;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate issuers a realm accepts, by distinguished name, from the authenticator setting
 * {@value #SETTING} (several separated by {@code ##}, Keycloak's delimiter for lists in authenticator settings).
 * Keycloak's mutual TLS truststore is shared by all realms of a server; this list narrows it per realm (a tenant
 * trusting ELSTER need not trust another tenant's organisation CA). Names are compared as X.500 names, so spacing and
 * case of attribute keys do not matter. An empty setting trusts no issuer: certificate login stays off until the
 * operator names one. JDK only.
 */
public record TrustedIssuers(Set<X500Principal> issuers) {

    public static final String SETTING = "sk.certificate.trusted-issuers";
    private static final Pattern DELIMITER = Pattern.compile("##");

    public TrustedIssuers {
        issuers = Set.copyOf(issuers);
    }

    /** Parses the setting; a name that is no distinguished name is left out (and trusts nothing). */
    public static TrustedIssuers parse(String setting) {
        Set<X500Principal> issuers = new LinkedHashSet<>();
        if (setting != null) {
            for (String name : DELIMITER.split(setting)) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    issuers.add(new X500Principal(name.strip()));
                } catch (IllegalArgumentException e) {
                    // An unreadable name trusts nobody.
                }
            }
        }
        return new TrustedIssuers(issuers);
    }

    public boolean trusts(X500Principal issuer) {
        return issuer != null && issuers.contains(issuer);
    }
}
