package de.servicekonto.postfach.rest;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.postfach.Delivery;
import de.servicekonto.postfach.Loa;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.rest.JsonBody;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

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

    /** A new message to {@code to}, or ({@code inReplyTo}) an answer to a message of the mailbox. */
    static Delivery.Draft draft(JsonBody body, Party to, String inReplyTo) {
        JsonNode json = body.object();
        String subject = text(json, "subject", true);
        String text = text(json, "body", true);
        boolean notice = json.path("notice").asBoolean(false);
        if (json.has("notice") && !json.get("notice").isBoolean()) {
            throw PostfachException.invalid("notice must be true or false");
        }
        List<String> attachments = new ArrayList<>();
        JsonNode list = json.get("attachments");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_ATTACHMENT_IDS) {
                throw PostfachException.invalid("attachments: an array of at most " + MAX_ATTACHMENT_IDS + " ids");
            }
            list.forEach(node -> attachments.add(node.isTextual() ? node.asText() : ""));
        }
        int minLoa = Loa.minimum(text(json, "minimumTrustLevel", false));
        return new Delivery.Draft(to, subject, text, attachments, minLoa, notice, inReplyTo);
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
