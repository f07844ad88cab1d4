package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    record Transition(String status, String reason) {
    }

    record Settings(Boolean notifyMe, List<String> favourites) {
    }

    private static InputStream in(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException refusal(Runnable read) {
        try {
            read.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void givenAnObjectThenATypedRecordAndUnknownMembersIgnored() {
        Transition t = JsonBody.read(in("{\"status\":\"VERIFIED\",\"reason\":\"ok\",\"later\":1}"), 100).as(Transition.class);

        assertThat(t).isEqualTo(new Transition("VERIFIED", "ok"));
    }

    @Test
    void givenAMissingMemberThenNull() {
        assertThat(JsonBody.read(in("{\"status\":\"APPLIED\"}"), 100).as(Transition.class).reason()).isNull();
    }

    @Test
    void givenANumberWhereAStringBelongsThenRefusedNamingTheMember() {
        ApiException e = refusal(() -> JsonBody.read(in("{\"status\":1}"), 100).as(Transition.class));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_request");
        assertThat(e.description()).isEqualTo("status must be a string");
        assertThat(refusal(() -> JsonBody.read(in("{\"notifyMe\":\"yes\"}"), 100).as(Settings.class)).description())
                .isEqualTo("notifyMe must be true or false");
        assertThat(refusal(() -> JsonBody.read(in("{\"favourites\":\"a\"}"), 100).as(Settings.class)).description())
                .isEqualTo("favourites must be a list");
    }

    @Test
    void givenMoreThanTheBoundThen413() {
        ApiException e = refusal(() -> JsonBody.read(in("{\"status\":\"" + "x".repeat(200) + "\"}"), 100));

        assertThat(e.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("request_too_large");
    }

    @Test
    void givenExactlyTheBoundThenRead() {
        String json = "{\"a\":\"" + "x".repeat(92) + "\"}";
        assertThat(json).hasSize(100);
        assertThat(JsonBody.read(in(json), 100).string("a")).hasSize(92);
    }

    @Test
    void givenNoObjectThenTheApisMalformedCode() {
        assertThat(refusal(() -> JsonBody.read(in(""), 100)).code()).isEqualTo("invalid_request");
        assertThat(refusal(() -> JsonBody.read(null, 100)).code()).isEqualTo("invalid_request");
        assertThat(refusal(() -> JsonBody.read(in("[1]"), 100, "malformed_json")).code()).isEqualTo("malformed_json");
        assertThat(refusal(() -> JsonBody.read(in("{\"a\":"), 100, "malformed_json")).code()).isEqualTo("malformed_json");
        assertThat(refusal(() -> JsonBody.read(in("\"text\""), 100)).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenMembersThenStringsAndListsByName() {
        JsonBody body = JsonBody.read(in("{\"email\":\"a@b.de\",\"none\":null,\"favourites\":[\"x\",2]}"), 100);

        assertThat(body.string("email")).isEqualTo("a@b.de");
        assertThat(body.string("none")).isNull();
        assertThat(body.string("absent")).isNull();
        assertThat((List<Object>) body.list("favourites")).containsExactly("x", 2);
        assertThat(refusal(() -> body.string("favourites")).description()).isEqualTo("favourites must be a string");
        assertThat(refusal(() -> body.list("email")).description()).isEqualTo("email must be a list");
        assertThat(refusal(body::strings).code()).isEqualTo("invalid_request");
    }

    @Test
    void givenOnlyStringsThenAllOfThem() {
        assertThat(JsonBody.read(in("{\"name\":\"A\",\"city\":null}"), 100).strings())
                .containsEntry("name", "A").containsEntry("city", null).hasSize(2);
    }
}
