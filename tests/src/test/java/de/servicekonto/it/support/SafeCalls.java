package de.servicekonto.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Dokumentensafe's REST API as the tests call it: {@code path} is below {@code /realms/{realm}/dokumentensafe}
 * and names the safe ({@code /me/…} or {@code /organisations/{id}/…}); a null token sends no Authorization header.
 */
public final class SafeCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ServicekontoServer server;

    public SafeCalls(ServicekontoServer server) {
        this.server = server;
    }

    /** A call with a JSON body, or none when {@code json} is null. */
    public HttpResponse<String> call(String token, String method, String path, String json) {
        HttpRequest.Builder request = authorized(token, path);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(HTTP, request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A GET read to its last byte (a document's content), whatever its status. */
    public HttpResponse<byte[]> bytes(String token, String path) {
        try {
            return HTTP.send(authorized(token, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads {@code content} in one request into the safe {@code safe} ({@code /me} or {@code /organisations/{id}}). */
    public HttpResponse<String> upload(String token, String safe, String filename, String type, byte[] content) {
        return Http.send(HTTP, authorized(token, safe + "/documents?filename="
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    /** As {@link #upload}, asserting the 201; answers the new document's JSON. */
    public JsonNode uploaded(String token, String safe, String filename, String type, byte[] content) {
        HttpResponse<String> response = upload(token, safe, filename, type, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    /** The {@code DOCUMENT_*} entries of a person's activity log as "TYPE DETAIL", oldest first, read from the database. */
    public List<String> activity(String userId) {
        List<String> entries = new ArrayList<>();
        try (Connection db = server.database(); PreparedStatement query = db.prepareStatement(
                "select TYPE, DETAIL from SK_ACTIVITY where USER_ID = ? and TYPE like 'DOCUMENT_%' order by EVENT_TIME")) {
            query.setString(1, userId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    entries.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }

    private HttpRequest.Builder authorized(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/dokumentensafe" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
