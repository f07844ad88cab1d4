package de.servicekonto.eid;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The addresses that start the eID-Client (AusweisApp) on the citizen's device with the service's TC Token URL
 * (BSI TR-03124-1): the local web server on port 24727 for desktop browsers, the {@code eid} scheme on mobiles.
 */
public final class EidClientLink {

    static final String LOCAL_CLIENT = "http://127.0.0.1:24727/eID-Client";
    static final String MOBILE_CLIENT = "eid://127.0.0.1:24727/eID-Client";

    private EidClientLink() {
    }

    /** The link for desktop browsers. */
    public static URI desktop(URI tcTokenUrl) {
        return desktop(URI.create(LOCAL_CLIENT), tcTokenUrl);
    }

    /** The link for desktop browsers to an eID-Client listening elsewhere on the device (development, tests). */
    public static URI desktop(URI clientUrl, URI tcTokenUrl) {
        return URI.create(clientUrl + "?tcTokenURL=" + encode(tcTokenUrl));
    }

    /** The link for mobile devices, opened by the AusweisApp registered for the {@code eid} scheme. */
    public static URI mobile(URI tcTokenUrl) {
        return URI.create(MOBILE_CLIENT + "?tcTokenURL=" + encode(tcTokenUrl));
    }

    /**
     * Whether the eID-Client may be sent to this address: https, as TR-03124-1 demands, or plain http to this very
     * device (a server under development on localhost, as the AusweisApp's developer mode accepts).
     */
    public static boolean acceptable(URI address) {
        if ("https".equals(address.getScheme())) {
            return true;
        }
        String host = address.getHost();
        return "http".equals(address.getScheme())
                && ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
    }

    private static String encode(URI tcTokenUrl) {
        if (!acceptable(tcTokenUrl)) {
            throw new IllegalArgumentException("the TC Token URL must be https");
        }
        return URLEncoder.encode(tcTokenUrl.toString(), StandardCharsets.UTF_8);
    }
}
