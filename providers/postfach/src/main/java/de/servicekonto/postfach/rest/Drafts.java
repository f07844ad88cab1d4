package de.servicekonto.postfach.rest;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.Loa;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.keycloak.SafeLink;
import de.servicekonto.rest.JsonBody;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the Postfach API reads from a request: a message to send ({@code {"to", "subject", "body", "attachments",
 * "minimumTrustLevel", "notice"}}), page sizes and dates. Each refusal names the member and what it must be.
 */
final class Drafts {

    /** Attachment ids a send request may name at all (the realm's limit is checked by the delivery). */
    static final int MAX_ATTACHMENT_IDS = 20;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Drafts() {
    }

    /**
     * A new message to {@code to}, or ({@code inReplyTo}) an answer to a message of the mailbox. An attachment is
     * the id of an upload, or {@code {"fromSafe": DOCUMENT_ID}}, a document of the owner's Dokumentensafe that
     * {@code fromSafe} stages as an upload (after every other member was checked) and answers with its id. Such a
     * document keeps its level: the message needs at least the highest level of the documents it carries from the
     * safe, whatever {@code minimumTrustLevel} asks (else a password-only session could read, in the sent folder or
     * at the recipient, what the safe shows only at hoch).
     */
    static Delivery.Draft draft(JsonBody body, Party to, String inReplyTo, Function<String, SafeLink.Staged> fromSafe) {
        JsonNode json = body.object();
        String subject = text(json, "subject", true);
        String text = text(json, "body", true);
        boolean notice = flag(json, "notice");
        int minLoa = Loa.minimum(text(json, "minimumTrustLevel", false));
        JsonNode list = json.get("attachments");
        if (list == null || list.isNull()) {
            return new Delivery.Draft(to, subject, text, List.of(), minLoa, notice, inReplyTo);
        }
        if (!list.isArray() || list.size() > MAX_ATTACHMENT_IDS) {
            throw PostfachException.invalid("attachments: an array of at most " + MAX_ATTACHMENT_IDS + " ids");
        }
        for (JsonNode node : list) {
            if (node.isObject() && (node.size() != 1 || !node.path("fromSafe").isTextual())) {
                throw PostfachException.invalid("an attachment is an upload's id or {\"fromSafe\": DOCUMENT_ID}");
            }
        }
        List<String> attachments = new ArrayList<>();
        int level = minLoa;
        for (JsonNode node : list) {
            if (node.isObject()) {
                SafeLink.Staged staged = fromSafe.apply(node.get("fromSafe").asText());
                attachments.add(staged.uploadId());
                level = Math.max(level, staged.minLoa());
            } else {
                attachments.add(node.isTextual() ? node.asText() : "");
            }
        }
        return new Delivery.Draft(to, subject, text, attachments, level, notice, inReplyTo);
    }

    /**
     * Whether an authority's notice is also to be delivered into the recipient's Dokumentensafe
     * ({@code "intoSafe": true}); only for a notice.
     */
    static boolean intoSafe(JsonBody body) {
        boolean intoSafe = flag(body.object(), "intoSafe");
        if (intoSafe && !flag(body.object(), "notice")) {
            throw PostfachException.invalid("intoSafe is for an official notice (notice: true)");
        }
        return intoSafe;
    }

    private static boolean flag(JsonNode json, String field) {
        if (json.has(field) && !json.get(field).isBoolean()) {
            throw PostfachException.invalid(field + " must be true or false");
        }
        return json.path(field).asBoolean(false);
    }

    static Party recipient(JsonBody body) {
        JsonNode to = body.object().get("to");
        if (to == null || !to.isObject()) {
            throw PostfachException.invalid("to: {\"kind\": \"authority\"|\"user\"|\"organisation\", \"id\": ...}");
        }
        String kind = to.path("kind").asText("");
        String id = to.path("id").asText("");
        if (!Party.isId(id)) {
            throw new PostfachException(400, "unknown_recipient", "no such recipient");
        }
        return switch (kind) {
            case "authority" -> new Party(Party.Kind.AUTHORITY, id);
            case "user" -> new Party(Party.Kind.USER, id);
            case "organisation" -> new Party(Party.Kind.ORGANISATION, id);
            default -> throw PostfachException.invalid("to.kind: authority, user or organisation");
        };
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw PostfachException.invalid(field + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw PostfachException.invalid(field + " must be a string");
        }
        return node.asText();
    }

    /** An ISO date (start of that day, UTC) or instant, in epoch milliseconds. */
    static long time(String value, long fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.length() > 40) {
            throw PostfachException.invalid(name + ": an ISO date or instant");
        }
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw PostfachException.invalid(name + ": an ISO date or instant");
        }
        // Years 1970 to 9999: what a mailbox can hold, and far from the overflow of epoch milliseconds.
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw PostfachException.invalid(name + ": a date between 1970 and 9999");
        }
        return instant.toEpochMilli();
    }

    /** A declared {@code Content-Length}, or -1 when none was sent. */
    static long length(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw PostfachException.invalid("Content-Length is not a number");
        }
    }
}
