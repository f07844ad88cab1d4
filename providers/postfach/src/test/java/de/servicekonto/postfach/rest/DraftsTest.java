package de.servicekonto.postfach.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.keycloak.SafeLink;
import de.servicekonto.rest.JsonBody;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the Postfach API reads from a request, and how it refuses what it cannot. */
class DraftsTest {

    /** A draft without a document of the safe never asks for one. */
    private static final Function<String, SafeLink.Staged> NO_SAFE = id -> {
        throw new AssertionError("asked the safe for " + id);
    };

    private static JsonBody json(String text) {
        return JsonBody.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), PostfachRequest.MAX_JSON_BYTES,
                "malformed_json");
    }

    private static String code(Runnable action) {
        try {
            action.run();
        } catch (PostfachException e) {
            return e.code();
        } catch (de.servicekonto.rest.ApiException e) {
            return e.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void givenAFullDraftThenEveryMemberRead() {
        Delivery.Draft draft = Drafts.draft(json("""
                {"to": {"kind": "user", "id": "u1"}, "subject": "Bescheid", "body": "Text", "notice": true,
                 "attachments": ["x1", "x2"], "minimumTrustLevel": "substanziell"}"""), new Party(Party.Kind.USER, "u1"), null, NO_SAFE);
        assertThat(draft.subject()).isEqualTo("Bescheid");
        assertThat(draft.body()).isEqualTo("Text");
        assertThat(draft.notice()).isTrue();
        assertThat(draft.attachmentIds()).containsExactly("x1", "x2");
        assertThat(draft.minLoa()).isEqualTo(2);
        assertThat(draft.inReplyTo()).isNull();
    }

    @Test
    void givenAMinimalDraftThenNiedrigNoNoticeNoAttachments() {
        Delivery.Draft draft = Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\"}"), null, "m1", NO_SAFE);
        assertThat(draft.minLoa()).isEqualTo(1);
        assertThat(draft.notice()).isFalse();
        assertThat(draft.attachmentIds()).isEmpty();
        assertThat(draft.inReplyTo()).isEqualTo("m1");
    }

    @Test
    void givenMembersOfTheWrongTypeThenInvalidRequest() {
        assertThat(code(() -> Drafts.draft(json("{\"subject\": 1, \"body\": \"B\"}"), null, null, NO_SAFE))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.draft(json("{\"body\": \"B\"}"), null, null, NO_SAFE))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\", \"notice\": \"yes\"}"), null, null, NO_SAFE)))
                .isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\", \"attachments\": \"x\"}"), null, null, NO_SAFE)))
                .isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\", \"minimumTrustLevel\": \"max\"}"), null, null, NO_SAFE)))
                .isEqualTo("invalid_request");
    }

    @Test
    void givenMoreAttachmentIdsThanAnyRealmAllowsThenInvalidRequest() {
        String ids = String.join(",", java.util.Collections.nCopies(Drafts.MAX_ATTACHMENT_IDS + 1, "\"x\""));
        assertThat(code(() -> Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\", \"attachments\": [" + ids + "]}"), null, null, NO_SAFE)))
                .isEqualTo("invalid_request");
    }

    @Test
    void givenNonTextAttachmentIdsThenKeptAsEmptyForTheDeliveryToRefuse() {
        Delivery.Draft draft = Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\", \"attachments\": [1]}"), null, null, NO_SAFE);
        assertThat(draft.attachmentIds()).isEqualTo(List.of(""));
    }

    @Test
    void givenDocumentsOfTheSafeThenStagedInOrderAfterEveryOtherMemberWasChecked() {
        List<String> asked = new java.util.ArrayList<>();
        Delivery.Draft draft = Drafts.draft(json("""
                {"subject": "A", "body": "B", "attachments": ["x1", {"fromSafe": "d1"}, {"fromSafe": "d2"}]}"""),
                null, null, id -> {
                    asked.add(id);
                    return new SafeLink.Staged("staged-" + id, 1);
                });
        assertThat(asked).containsExactly("d1", "d2");
        assertThat(draft.attachmentIds()).containsExactly("x1", "staged-d1", "staged-d2");
        assertThat(draft.minLoa()).isEqualTo(1);
        assertThat(code(() -> Drafts.draft(json("{\"subject\": 1, \"body\": \"B\", \"attachments\": [{\"fromSafe\": \"d1\"}]}"),
                null, null, NO_SAFE))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\", \"attachments\": [\"x\", {\"fromSafe\": 7}]}"),
                null, null, NO_SAFE))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.draft(json("{\"subject\": \"A\", \"body\": \"B\", \"attachments\": [{\"fromSafe\": \"d\", \"x\": 1}]}"),
                null, null, NO_SAFE))).isEqualTo("invalid_request");
    }

    @Test
    void givenADocumentOfTheSafeAboveTheAskedLevelThenTheMessageNeedsTheDocumentsLevel() {
        Delivery.Draft draft = Drafts.draft(json("""
                {"subject": "A", "body": "B", "minimumTrustLevel": "substanziell",
                 "attachments": [{"fromSafe": "low"}, {"fromSafe": "high"}]}"""),
                null, null, id -> new SafeLink.Staged("staged-" + id, id.equals("high") ? 3 : 1));
        assertThat(draft.minLoa()).isEqualTo(3);
        Delivery.Draft lower = Drafts.draft(json("""
                {"subject": "A", "body": "B", "minimumTrustLevel": "hoch", "attachments": [{"fromSafe": "low"}]}"""),
                null, null, id -> new SafeLink.Staged("staged-" + id, 1));
        assertThat(lower.minLoa()).as("the draft's own level stays when it is higher").isEqualTo(3);
    }

    @Test
    void givenIntoSafeThenOnlyForANotice() {
        assertThat(Drafts.intoSafe(json("{\"notice\": true, \"intoSafe\": true}"))).isTrue();
        assertThat(Drafts.intoSafe(json("{\"notice\": true}"))).isFalse();
        assertThat(code(() -> Drafts.intoSafe(json("{\"intoSafe\": true}")))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.intoSafe(json("{\"notice\": true, \"intoSafe\": \"ja\"}")))).isEqualTo("invalid_request");
    }

    @Test
    void givenRecipientsThenTheirKind() {
        assertThat(Drafts.recipient(json("{\"to\": {\"kind\": \"authority\", \"id\": \"a1\"}}"))).isEqualTo(new Party(Party.Kind.AUTHORITY, "a1"));
        assertThat(Drafts.recipient(json("{\"to\": {\"kind\": \"organisation\", \"id\": \"o1\"}}")).kind()).isEqualTo(Party.Kind.ORGANISATION);
        assertThat(code(() -> Drafts.recipient(json("{\"to\": {\"kind\": \"robot\", \"id\": \"a1\"}}")))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.recipient(json("{\"to\": {\"kind\": \"user\", \"id\": \"../x\"}}")))).isEqualTo("unknown_recipient");
        assertThat(code(() -> Drafts.recipient(json("{\"to\": \"u1\"}")))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.recipient(json("{}")))).isEqualTo("invalid_request");
    }

    @Test
    void givenABodyThatIsNoJsonObjectThenMalformedJson() {
        assertThat(code(() -> json("[1]"))).isEqualTo("malformed_json");
        assertThat(code(() -> json("{"))).isEqualTo("malformed_json");
        assertThat(code(() -> json(""))).isEqualTo("malformed_json");
        assertThat(code(() -> json("\"" + "x".repeat(PostfachRequest.MAX_JSON_BYTES) + "\""))).isEqualTo("request_too_large");
    }

    @Test
    void givenDatesThenStartOfDayUtcOrTheInstant() {
        assertThat(Drafts.time(null, 7L, "since")).isEqualTo(7L);
        assertThat(Drafts.time("1970-01-02", 0, "since")).isEqualTo(86_400_000L);
        assertThat(Drafts.time("1970-01-01T00:00:01Z", 0, "since")).isEqualTo(1000L);
        assertThat(code(() -> Drafts.time("gestern", 0, "since"))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.time("1969-12-31", 0, "since"))).isEqualTo("invalid_request");
        assertThat(code(() -> Drafts.time("x".repeat(41), 0, "since"))).isEqualTo("invalid_request");
    }

    @Test
    void givenContentLengthThenANumberOrNone() {
        assertThat(Drafts.length(null)).isEqualTo(-1);
        assertThat(Drafts.length(" 42 ")).isEqualTo(42);
        assertThatThrownBy(() -> Drafts.length("viel")).isInstanceOf(PostfachException.class);
    }
}
