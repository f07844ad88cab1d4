package de.servicekonto.postfach;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The attachment types the Postfach accepts, each recognised by its leading bytes (magic number). The declared
 * {@code Content-Type} must name an allowed type and the content must start like that type; a renamed executable
 * declared as PDF is refused. The list is deliberately short: types authorities exchange with citizens.
 */
public enum ContentType {

    PDF("application/pdf", ".pdf", bytes('%', 'P', 'D', 'F', '-')),
    PNG("image/png", ".png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    JPEG("image/jpeg", ".jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    TIFF_LE("image/tiff", ".tif", new byte[] {'I', 'I', 42, 0}),
    TIFF_BE("image/tiff", ".tif", new byte[] {'M', 'M', 0, 42});

    /** Enough leading bytes for every signature above. */
    public static final int SNIFF_BYTES = 8;

    private final String mimeType;
    private final String extension;
    private final byte[] magic;

    ContentType(String mimeType, String extension, byte[] magic) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.magic = magic;
    }

    public String mimeType() {
        return mimeType;
    }

    public String extension() {
        return extension;
    }

    /** Whether {@code declared} (a Content-Type header value, parameters ignored) is on the list at all. */
    public static boolean isAllowed(String declared) {
        String type = baseType(declared);
        return Arrays.stream(values()).anyMatch(t -> t.mimeType.equals(type));
    }

    /** The allowed type that {@code declared} names and {@code head} (the first bytes) matches, if any. */
    public static Optional<ContentType> match(String declared, byte[] head, int length) {
        String type = baseType(declared);
        for (ContentType candidate : values()) {
            if (candidate.mimeType.equals(type) && candidate.startsWith(head, length)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static List<String> allowedMimeTypes() {
        return Arrays.stream(values()).map(ContentType::mimeType).distinct().toList();
    }

    private boolean startsWith(byte[] head, int length) {
        if (head == null || length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String baseType(String declared) {
        if (declared == null || declared.length() > 200) {
            return "";
        }
        int semicolon = declared.indexOf(';');
        return (semicolon < 0 ? declared : declared.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(char... chars) {
        byte[] out = new byte[chars.length];
        for (int i = 0; i < chars.length; i++) {
            out[i] = (byte) chars[i];
        }
        return out;
    }
}
