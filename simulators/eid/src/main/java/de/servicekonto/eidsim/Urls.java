package de.servicekonto.eidsim;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** URL helpers for the simulated eID-Client and the advertised server addresses. */
final class Urls {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private Urls() {
    }

    /** A host as it appears in a URI: IPv6 literals in brackets. */
    static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Parses an absolute http or https URL; returns {@code null} for anything else. */
    static URI parseHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // not a URL
        }
        return null;
    }

    /**
     * The eID-Client fetches TC Tokens only over https (TR-03124-1), except from this machine, where plain http is
     * allowed for development.
     */
    static boolean isFetchableTcTokenUrl(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https")
                || scheme.equals("http") && LOOPBACK_HOSTS.contains(url.getHost().toLowerCase(Locale.ROOT));
    }

    /**
     * Appends already-encoded {@code parameters} to the query of {@code url}: after {@code &} when it has a query,
     * else after {@code ?}; a fragment stays at the end.
     */
    static String appendQuery(String url, String parameters) {
        int fragmentStart = url.indexOf('#');
        String base = fragmentStart < 0 ? url : url.substring(0, fragmentStart);
        String fragment = fragmentStart < 0 ? "" : url.substring(fragmentStart);
        String separator = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + parameters + fragment;
    }
}
