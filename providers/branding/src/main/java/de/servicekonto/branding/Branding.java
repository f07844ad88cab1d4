package de.servicekonto.branding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A realm's branding as e-mails and the account console show it: the name (the realm's display name, else its id),
 * the logo's address and the tenant's site, from the realm attributes {@value #LOGO_ATTRIBUTE} and
 * {@value #SITE_ATTRIBUTE} that {@code sk-tenant.sh} writes. An address is kept only if it is one a mail client or a
 * browser may load from: {@code https}, or {@code http} on this machine (local runs and tests), at most
 * {@value #MAX_URL} characters, no user info. Anything else (an administrator's typo, {@code javascript:}) is left
 * out, and so is the branding: the mail then looks as before.
 */
public record Branding(String name, String logoUrl, String siteUrl) {

    public static final String LOGO_ATTRIBUTE = "sk.branding.logoUrl";
    public static final String SITE_ATTRIBUTE = "sk.branding.url";
    static final int MAX_URL = 300;
    static final int MAX_NAME = 100;

    /** The branding of a realm; {@code logoUrl} and {@code siteUrl} null when absent or not acceptable. */
    public static Branding of(String realmId, String displayName, String logoAttribute, String siteAttribute) {
        String name = displayName == null || displayName.isBlank() ? realmId : displayName.strip();
        if (name != null && name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return new Branding(name, loadable(logoAttribute), loadable(siteAttribute));
    }

    /** Whether the realm is branded at all (a tenant made by sk-tenant.sh is: it always has its site). */
    public boolean branded() {
        return logoUrl != null || siteUrl != null;
    }

    /** {@code value} if an e-mail or page may refer to it, else null. */
    static String loadable(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_URL) {
            return null;
        }
        String text = value.strip();
        if (text.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\')) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean local = host.equals("localhost") || host.equals("127.0.0.1");
            if (host.isEmpty() || uri.getRawUserInfo() != null
                    || !(scheme.equals("https") || (scheme.equals("http") && local))) {
                return null;
            }
            return text;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
