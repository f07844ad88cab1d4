package de.servicekonto.eidsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes files that only their owner may read, where the file system knows POSIX permissions. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates {@code directory} (owner-only when new) unless it exists. */
    static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (supportsPosix(directory)) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Replaces {@code target} with {@code content} in one step, so a reader never sees a half-written key store.
     * The temporary file is owner-only from the start, so the content is never readable by others.
     */
    static void write(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            if (supportsPosix(temporary)) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes a Java properties file. Unlike {@link java.util.Properties#store}, colons in URLs and Windows paths stay
     * unescaped where the format allows it, so that the file also reads well for people and shell scripts.
     */
    static void writeProperties(Path target, String comment, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        properties.forEach((key, value) -> text.append(key).append('=').append(escapeValue(value)).append('\n'));
        write(target, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String escapeValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == ' ' && i == 0) {
                out.append("\\ ");
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean supportsPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
