package de.servicekonto.postfach;

/**
 * Characters a subject or attachment file name must not contain: bidirectional controls and zero-width characters.
 * They are invisible yet change what a reader sees, e.g. {@code Rechnung\u202Efdp.exe} displays as
 * "Rechnungexe.pdf", or they make two different names look the same. They are refused (not silently removed), so the
 * sender learns about it and what is stored is what was sent.
 *
 * <p>Refused: U+061C (Arabic letter mark), U+200B–U+200F (zero-width space, non-joiner, joiner, left-to-right and
 * right-to-left mark), U+202A–U+202E (embeddings, overrides, pop), U+2060 (word joiner), U+2066–U+2069 (isolates)
 * and U+FEFF (zero-width no-break space, byte order mark). Message bodies are not checked: there right-to-left text
 * may need them, and a body is not what a reader decides by before opening.
 */
public final class InvisibleCharacters {

    private InvisibleCharacters() {
    }

    public static boolean isRefused(int c) {
        return c == 0x061C
                || (c >= 0x200B && c <= 0x200F)
                || (c >= 0x202A && c <= 0x202E)
                || c == 0x2060
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFEFF;
    }

    /** Whether the text contains a refused character; null contains none. */
    public static boolean containsAny(String text) {
        return text != null && text.codePoints().anyMatch(InvisibleCharacters::isRefused);
    }

    /**
     * The text without refused characters, for values the Postfach shows but did not receive from the sender (an
     * account's name as sender): those cannot be refused, only shown without them.
     */
    public static String strip(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isRefused(c)).forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
