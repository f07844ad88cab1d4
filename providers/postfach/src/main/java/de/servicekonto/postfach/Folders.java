package de.servicekonto.postfach;

import java.util.List;
import java.util.Locale;

/** The folders of a mailbox, as stored ({@code SK_PF_MESSAGE.FOLDER}) and as the API names them (lower case). */
public final class Folders {

    public static final String INBOX = "INBOX";
    public static final String SENT = "SENT";
    public static final String ARCHIVE = "ARCHIVE";
    public static final String TRASH = "TRASH";
    public static final List<String> ALL = List.of(INBOX, SENT, ARCHIVE, TRASH);

    private Folders() {
    }

    /** The stored folder an API name stands for, or null if it names none. */
    public static String parse(String apiName) {
        String folder = apiName.toUpperCase(Locale.ROOT);
        return ALL.contains(folder) ? folder : null;
    }

    public static String apiName(String folder) {
        return folder.toLowerCase(Locale.ROOT);
    }
}
