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
        return URI.create(LOCAL_CLIENT + "?tcTokenURL=" + encode(tcTokenUrl));
    }

    /** The link for mobile devices, opened by the AusweisApp registered for the {@code eid} scheme. */
    public static URI mobile(URI tcTokenUrl) {
        return URI.create(MOBILE_CLIENT + "?tcTokenURL=" + encode(tcTokenUrl));
    }

    private static String encode(URI tcTokenUrl) {
        // TR-03124-1: the eID-Client fetches the TC Token over https only (also from the local simulator).
        if (!"https".equals(tcTokenUrl.getScheme())) {
            throw new IllegalArgumentException("the TC Token URL must be https");
        }
        return URLEncoder.encode(tcTokenUrl.toString(), StandardCharsets.UTF_8);
    }
}
