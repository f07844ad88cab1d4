package de.servicekonto.dokumentensafe;

import de.servicekonto.rest.ApiException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The explicit list of file types a safe keeps, each with how its first bytes must look. The declared
 * {@code Content-Type} must be on the list and the content must look like it: a program renamed to {@code .pdf} is
 * refused. Office formats are ZIP (OOXML, OpenDocument) or OLE2 containers (legacy Office) by their bytes; which one
 * of them a file is, its declared type says. Text and XML have no magic number: they must not contain NUL bytes in
 * the sniffed head nor start like a program. Whatever the type, a download is never shown inline
 * ({@code Content-Disposition: attachment}, {@code nosniff}), so an HTML page declared as text stays a file.
 */
public enum DocumentType {

    PDF("application/pdf", Magic.PDF),
    PNG("image/png", Magic.PNG),
    JPEG("image/jpeg", Magic.JPEG),
    GIF("image/gif", Magic.GIF87, Magic.GIF89),
    TIFF("image/tiff", Magic.TIFF_LE, Magic.TIFF_BE),
    ZIP("application/zip", Magic.ZIP, Magic.ZIP_EMPTY),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Magic.ZIP),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Magic.ZIP),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", Magic.ZIP),
    ODT("application/vnd.oasis.opendocument.text", Magic.ZIP),
    ODS("application/vnd.oasis.opendocument.spreadsheet", Magic.ZIP),
    ODP("application/vnd.oasis.opendocument.presentation", Magic.ZIP),
    DOC("application/msword", Magic.OLE2),
    XLS("application/vnd.ms-excel", Magic.OLE2),
    PPT("application/vnd.ms-powerpoint", Magic.OLE2),
    TEXT("text/plain"),
    CSV("text/csv"),
    XML("application/xml"),
    TEXT_XML("text/xml");

    /** Bytes read before the content is accepted: every signature above, and a text head long enough to judge. */
    public static final int SNIFF_BYTES = 512;

    /** Leading bytes of executables (PE, ELF, Mach-O, Java class / fat Mach-O, scripts). */
    private static final List<byte[]> PROGRAMS = List.of(ascii("MZ"), new byte[] {0x7F, 'E', 'L', 'F'},
            new byte[] {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE},
            new byte[] {(byte) 0xFE, (byte) 0xED, (byte) 0xFA, (byte) 0xCE},
            new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}, ascii("#!"));

    private final String mimeType;
    private final byte[][] signatures;

    DocumentType(String mimeType, byte[]... signatures) {
        this.mimeType = mimeType;
        this.signatures = signatures;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The type {@code declared} (a Content-Type value; parameters and case ignored) names, if it is on the list. */
    public static Optional<DocumentType> declared(String declared) {
        if (declared == null || declared.length() > 200) {
            return Optional.empty();
        }
        int semicolon = declared.indexOf(';');
        String base = (semicolon < 0 ? declared : declared.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.mimeType.equals(base)).findFirst();
    }

    /** The declared type, or 415 {@code type_not_allowed} naming the allowed ones. */
    static DocumentType checkDeclared(String declared) {
        return declared(declared).orElseThrow(() -> new ApiException(415, "type_not_allowed",
                "allowed types: " + String.join(", ", mimeTypes())));
    }

    /**
     * Reads the head of {@code in} and puts it back: 400 {@code empty_document} when there is nothing, 415
     * {@code content_type_mismatch} when it does not look like this type.
     */
    void sniff(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw new ApiException(400, "empty_document", "the document is empty");
        }
        if (!matches(head)) {
            throw new ApiException(415, "content_type_mismatch", "the content is not of the declared type " + mimeType);
        }
    }

    /** Whether {@code head} (the content's first bytes, up to {@link #SNIFF_BYTES}) looks like this type. */
    public boolean matches(byte[] head) {
        if (head.length == 0 || PROGRAMS.stream().anyMatch(program -> startsWith(head, program))) {
            return false;
        }
        if (signatures.length > 0) {
            return Arrays.stream(signatures).anyMatch(signature -> startsWith(head, signature));
        }
        for (byte b : head) {
            if (b == 0) {
                return false; // binary, whatever it claims
            }
        }
        if (this == XML || this == TEXT_XML) {
            String start = new String(head, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").stripLeading();
            return start.startsWith("<");
        }
        return true;
    }

    public static List<String> mimeTypes() {
        return Arrays.stream(values()).map(DocumentType::mimeType).toList();
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Signatures (magic numbers) by which the types are recognised. */
    private static final class Magic {
        static final byte[] PDF = ascii("%PDF-");
        static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
        static final byte[] GIF87 = ascii("GIF87a");
        static final byte[] GIF89 = ascii("GIF89a");
        static final byte[] TIFF_LE = {'I', 'I', 42, 0};
        static final byte[] TIFF_BE = {'M', 'M', 0, 42};
        static final byte[] ZIP = {'P', 'K', 3, 4};
        static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
        static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    }
}
