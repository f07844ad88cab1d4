package de.servicekonto.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The successful answers of our APIs: JSON, a file download, the API's OpenAPI document; all but the last {@code no-store}. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static Response ok(Object entity) {
        return json(200, entity);
    }

    public static Response created(Object entity) {
        return json(201, entity);
    }

    public static Response accepted(Object entity) {
        return json(202, entity);
    }

    public static Response noContent() {
        return Response.noContent().cacheControl(RequestRunner.noStore()).build();
    }

    private static Response json(int status, Object entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(entity)
                .cacheControl(RequestRunner.noStore()).build();
    }

    /**
     * A file the caller downloads: {@code Content-Disposition: attachment} with the name in RFC 6266's
     * {@code filename*} form (RFC 8187 UTF-8, percent-encoded, so no name can break the header),
     * {@code X-Content-Type-Options: nosniff} and {@code no-store}: never shown inline, never sniffed, never cached.
     */
    public static Response download(StreamingOutput body, String mimeType, long size, String filename) {
        return Response.ok(body, mimeType)
                .header("Content-Length", size)
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(RequestRunner.noStore()).build();
    }

    /**
     * The API's OpenAPI document, kept in docs/api and packed into the module's jar as {@code /<name>}; 404
     * {@code not_found} (JSON, challenge realm {@code api}) when the jar lacks it.
     */
    public static Response openApi(Class<?> module, String name, String api) {
        InputStream yaml = module.getResourceAsStream("/" + name);
        if (yaml == null) {
            return new RequestRunner.JsonAnswers(api).error(ApiException.notFound("no API document"));
        }
        return Response.ok((StreamingOutput) out -> {
            try (yaml) {
                yaml.transferTo(out);
            }
        }, "application/yaml").build();
    }
}
