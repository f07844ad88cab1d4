package de.servicekonto.postfach;

import de.servicekonto.crypto.AssociatedData;

/**
 * The associated data of a message's encrypted values (subject, body, sender name), by the row's content format
 * ({@code SK_PF_MESSAGE.CONTENT_FORMAT}).
 *
 * <ul>
 *   <li>Format 1 (rows written before the column existed, {@code NULL}): realm, owner, message id, field. The
 *   minimum level and the notice flag are not bound: on such rows a changed {@code MIN_LOA} still decrypts.</li>
 *   <li>Format 2 (every row written since): additionally the mailbox id, the minimum level and the notice flag, so a
 *   changed {@code MIN_LOA}, {@code NOTICE} or {@code MAILBOX_ID} makes the values fail authentication.</li>
 * </ul>
 * Setting the column of a format-2 row back to 1 (or NULL) does not help either: its values were encrypted with the
 * format-2 associated data and fail with format 1's. The format is read from the row, not guessed by trying both.
 */
public final class MessageContentAad {

    /** The format of rows written before {@code CONTENT_FORMAT} existed. */
    public static final int LEGACY = 1;
    /** The format every new row is written in. */
    public static final int CURRENT = 2;

    private MessageContentAad() {
    }

    /** The format of a row: {@code NULL} is a row from before the column. */
    public static int formatOf(Integer column) {
        return column == null ? LEGACY : column;
    }

    public static AssociatedData of(int format, String realmId, String keyOwner, String messageId, String mailboxId,
                                    int minLoa, boolean notice, String field) {
        return switch (format) {
            case LEGACY -> AssociatedData.of("sk-postfach", realmId, keyOwner, messageId, field);
            case CURRENT -> AssociatedData.of("sk-postfach", realmId, keyOwner, "message-v2", messageId, mailboxId,
                    "loa=" + minLoa, notice ? "notice" : "message", field);
            // An unknown format is a corrupted or foreign row: refused like a value that fails authentication.
            default -> throw new IllegalArgumentException("unknown content format");
        };
    }
}
