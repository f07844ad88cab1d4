package de.servicekonto.postfach;

/**
 * Bounds of a search. Subjects and sender names are encrypted per mailbox, so the database cannot search them; a
 * search decrypts the folder page by page, newest first, and stops after {@link #MAX_SCANNED} messages or when the
 * page is full. The response carries a cursor at the last message looked at, so a client can continue further back.
 * Cost per request is bounded; a search over a whole large mailbox takes several requests (see docs/postfach.md).
 */
public final class SearchWindow {

    /** Messages decrypted per search request at most. */
    public static final int MAX_SCANNED = 500;
    /** Rows fetched per database round trip while scanning. */
    public static final int BATCH = 100;
    /** Search text length. */
    public static final int MAX_QUERY = 100;

    private SearchWindow() {
    }

    /** Case-insensitive containment, as users expect of a mailbox search. */
    public static boolean matches(String text, String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(query.toLowerCase(java.util.Locale.ROOT));
    }
}
