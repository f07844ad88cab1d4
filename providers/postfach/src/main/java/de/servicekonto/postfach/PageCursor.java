package de.servicekonto.postfach;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Keyset position in a folder listed newest first: the creation time and id of the last message of the previous
 * page. The next page asks for messages strictly before it, which an index on (mailbox, folder, created, id) answers
 * without counting the skipped rows (an OFFSET would read them all).
 */
public record PageCursor(long createdAt, String messageId) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");
    /** A cursor is small; anything longer is not one of ours. */
    private static final int MAX_LENGTH = 120;

    public PageCursor {
        if (createdAt < 0 || messageId == null || !ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("invalid cursor");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + ":" + messageId).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException if {@code value} is not a cursor this class wrote */
    public static PageCursor decode(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid cursor");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("invalid cursor");
        }
        try {
            return new PageCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
    }
}
