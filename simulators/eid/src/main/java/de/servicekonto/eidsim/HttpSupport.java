package de.servicekonto.eidsim;

import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers around the JDK HTTP server shared by the simulated eID-Server and eID-Client. */
final class HttpSupport {

    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    static final String TEXT_HTML = "text/html; charset=utf-8";
    static final String TEXT_XML = "text/xml; charset=utf-8";

    private HttpSupport() {
    }

    /** Thrown when a request or response body exceeds the permitted size. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(int limit) {
            super("body larger than " + limit + " bytes");
        }
    }

    /** Reads at most {@code limit} bytes; a longer body is refused rather than cut off. */
    static byte[] readLimited(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            total += read;
            if (total > limit) {
                throw new BodyTooLargeException(limit);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Bytes of an oversized body read and thrown away, so the client reads the 413 instead of a reset. */
    private static final int DRAIN_LIMIT = 1024 * 1024;

    /** The request body; a body above {@code limit} is refused (the rest of it discarded, within bounds). */
    static byte[] readRequestBody(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null) {
                try {
                    if (Long.parseLong(declared.trim()) > limit) {
                        drain(in);
                        throw new BodyTooLargeException(limit);
                    }
                } catch (NumberFormatException e) {
                    // The server itself rejects unparsable lengths; reading with the limit is the safeguard here.
                }
            }
            try {
                return readLimited(in, limit);
            } catch (BodyTooLargeException e) {
                drain(in);
                throw e;
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while (total < DRAIN_LIMIT && (read = in.read(buffer)) != -1) {
            total += read;
        }
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} string (a query or a form body). A name given twice
     * keeps its first value; a name without {@code =} maps to the empty string.
     */
    static Map<String, String> parseForm(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int separator = pair.indexOf('=');
            String name = separator < 0 ? pair : pair.substring(0, separator);
            String value = separator < 0 ? "" : pair.substring(separator + 1);
            parameters.putIfAbsent(decode(name), decode(value));
        }
        return Collections.unmodifiableMap(parameters);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Broken percent escapes: keep the raw text, later validation rejects it.
            return text;
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An HTML page that loads nothing and does not leak its URL (which names a TC Token) to other sites. */
    static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        send(exchange, status, TEXT_HTML, html);
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        send(exchange, 303, TEXT_PLAIN, "See Other: " + location);
    }

    static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        send(exchange, 405, TEXT_PLAIN, "405 Method Not Allowed\n");
    }
}
