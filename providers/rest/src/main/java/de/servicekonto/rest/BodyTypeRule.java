package de.servicekonto.rest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which request bodies the Servicekonto refuses before any resource sees them, and with what answer.
 *
 * <p>Two cases end in a 500 in Keycloak 26.7.3 whatever the endpoint, even without a token:
 * <ul>
 *   <li>A {@code Content-Type} the server's own parser rejects ({@code ;;;}, {@code a/b/c}): Keycloak's security-headers
 *   response filter reads the request's media type for every response and throws on it.</li>
 *   <li>A form type ({@code multipart/form-data}, {@code application/x-www-form-urlencoded}) with a body that is no
 *   such form: the framework parses forms eagerly, before the resource method is known, and its I/O error escapes.</li>
 * </ul>
 * The first is refused everywhere (no endpoint can do anything with such a request); the second only on the
 * Servicekonto's own REST endpoints, none of which takes a form (Keycloak's own form endpoints stay untouched).
 */
public final class BodyTypeRule {

    /** Stable error code of both refusals. */
    public static final String ERROR = "unsupported_media_type";

    /** The Servicekonto's REST endpoints under a realm: Postfach, Dokumentensafe, organisations, account API, eID TC Token, help desk. */
    private static final Pattern OUR_ENDPOINTS =
            Pattern.compile("^/?realms/[^/]+/(postfach|dokumentensafe|sk-organisations|sk-account|sk-eid|sk-helpdesk)(/.*)?$");

    /** Keycloak's header values are bounded by the HTTP server; this bounds what we ever echo or inspect. */
    private static final int MAX_LENGTH = 1024;

    public record Refusal(String error, String description) {
    }

    private BodyTypeRule() {
    }

    /**
     * @param path         the request path relative to the server's base, without matrix parameters
     *                     ({@code /realms/x/postfach/...})
     * @param contentTypes every {@code Content-Type} header of the request (none: empty or null); more than one is
     *                     refused, since the framework would read the first while a joined value could pass as
     *                     something else
     * @param parses       whether the server's media-type parser accepts a value
     */
    public static Optional<Refusal> check(String path, List<String> contentTypes, Predicate<String> parses) {
        if (contentTypes == null || contentTypes.isEmpty()) {
            return Optional.empty();
        }
        if (contentTypes.size() > 1) {
            return Optional.of(new Refusal(ERROR, "Only one Content-Type header is allowed."));
        }
        String contentType = contentTypes.get(0);
        if (contentType.length() > MAX_LENGTH || !parses.test(contentType)) {
            return Optional.of(new Refusal(ERROR, "The Content-Type header is malformed."));
        }
        if (isForm(contentType) && path != null && OUR_ENDPOINTS.matcher(path).matches()) {
            return Optional.of(new Refusal(ERROR, "This endpoint does not accept form bodies."));
        }
        return Optional.empty();
    }

    private static boolean isForm(String contentType) {
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String essence = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return essence.equals("multipart/form-data") || essence.equals("application/x-www-form-urlencoded");
    }
}
