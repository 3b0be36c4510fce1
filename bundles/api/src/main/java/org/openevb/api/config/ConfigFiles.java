package org.openevb.api.config;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configuration files as Karaf keeps them in {@code etc/}: which file a configuration came from,
 * and how to change one key of a file so that a reader polling the folder (Karaf's file watcher
 * polls every second) never sees it empty or half-written.
 *
 * <p>Karaf's file watcher rewrites a file in place (truncate, then write) whenever a configuration
 * changes through ConfigAdmin, while its own poller may read the same file at that moment; it
 * then applies the empty or partial file, and writes that back over the file. The platform turns
 * that write-back off and changes files only by replacing them whole: {@link #set} writes the new
 * text beside the file, forces it to disk and renames it over the old one, so a reader sees either
 * the old file or the new one.
 */
public final class ConfigFiles {

    /** The property Karaf's file watcher gives a configuration read from a file: the file's URI. */
    public static final String FILE_PROPERTY = "felix.fileinstall.filename";

    /** How Karaf reads and writes configuration files. */
    private static final Charset ENCODING = StandardCharsets.ISO_8859_1;

    private ConfigFiles() {
    }

    /** The file a configuration was read from, or null when it has none (made through ConfigAdmin). */
    public static Path file(Map<String, ?> properties) {
        Object value = properties == null ? null : properties.get(FILE_PROPERTY);
        if (value == null) {
            return null;
        }
        try {
            String text = value.toString();
            return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Where a configuration came from, for messages: "file PATH", or "configuration PID" when it
     * has no file.
     */
    public static String source(Map<String, ?> properties) {
        Path file = file(properties);
        if (file != null) {
            return "file " + file;
        }
        Object pid = properties == null ? null : properties.get("service.pid");
        return "configuration " + (pid == null ? "(no PID)" : pid);
    }

    /** Why a configuration is not used, for a status and the log: "file PATH is invalid: ERRORS". */
    public static String invalid(Map<String, ?> properties, List<String> errors) {
        return source(properties) + " is invalid: " + String.join("; ", errors);
    }

    /**
     * The status of a component that keeps running its last good configuration because the new
     * one is invalid (for example a file read while someone was writing it).
     */
    public static String keptLastGood(Map<String, ?> properties, List<String> errors) {
        return source(properties) + " is invalid (" + String.join("; ", errors) + "): running the last good configuration";
    }

    /**
     * Sets {@code key = value} in a properties file, keeping every other line as it is (comments,
     * order, other keys), and replaces the file atomically. The last line that sets the key is
     * changed (the one a properties reader keeps); the key is appended when no line sets it.
     *
     * @throws IOException when the file cannot be read or replaced; the file is then unchanged
     */
    public static void set(Path file, String key, String value) throws IOException {
        String text = Files.readString(file, ENCODING);
        replace(file, withKey(text, key, value));
    }

    /**
     * Writes a new properties file, {@code keys} in their order after the comment {@code header},
     * whole at once (a watcher never reads it half-written).
     *
     * @throws java.nio.file.FileAlreadyExistsException when the file exists; it is then unchanged
     */
    public static void create(Path file, String header, Map<String, String> keys) throws IOException {
        if (Files.exists(file)) {
            throw new java.nio.file.FileAlreadyExistsException(file.toString());
        }
        String text = header.isEmpty() ? "" : "# " + header.replace("\n", "\n# ") + "\n";
        for (Map.Entry<String, String> e : keys.entrySet()) {
            text = withKey(text, e.getKey(), e.getValue());
        }
        replace(file, text);
    }

    /**
     * Removes every line that sets {@code key} from a properties file, keeping every other line,
     * and replaces the file atomically; a file without the key is left as it is.
     *
     * @throws IOException when the file cannot be read or replaced; the file is then unchanged
     */
    public static void remove(Path file, String key) throws IOException {
        String text = Files.readString(file, ENCODING);
        String without = withKey(text, key, null);
        if (!without.equals(text)) {
            replace(file, without);
        }
    }

    /** {@code text} (a properties file) with {@code key} set to {@code value}, or without it when the value is null. */
    static String withKey(String text, String key, String value) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
        if (endsWithNewline) {
            lines.remove(lines.size() - 1); // the empty piece after the last newline
        }
        if (value == null) {
            List<String> kept = new ArrayList<>();
            for (int i = 0, end; i < lines.size(); i = end + 1) {
                end = endOfLogicalLine(lines, i);
                if (!key.equals(keyOf(lines.get(i)))) {
                    kept.addAll(lines.subList(i, end + 1));
                }
            }
            return kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
        }
        String line = escape(key, true) + " = " + escape(value, false);
        // the last logical line that sets the key is the one a properties reader keeps
        int first = -1;
        int last = -1;
        for (int i = 0, end; i < lines.size(); i = end + 1) {
            end = endOfLogicalLine(lines, i);
            if (key.equals(keyOf(lines.get(i)))) {
                first = i;
                last = end;
            }
        }
        if (first >= 0) {
            lines.subList(first, last + 1).clear();
            lines.add(first, line);
        } else {
            lines.add(line);
        }
        return String.join("\n", lines) + "\n";
    }

    /** The index of the last physical line of the logical line starting at {@code start}. */
    private static int endOfLogicalLine(List<String> lines, int start) {
        int i = start;
        if (isCommentOrBlank(lines.get(i))) {
            return i;
        }
        while (i < lines.size() - 1 && continues(lines.get(i))) {
            i++;
        }
        return i;
    }

    private static boolean isCommentOrBlank(String line) {
        String t = line.stripLeading();
        return t.isEmpty() || t.startsWith("#") || t.startsWith("!");
    }

    /** Whether a line ends with an odd number of backslashes (the next line continues it). */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** The key a line sets (unescaped), or null for comments and blank lines. */
    static String keyOf(String line) {
        if (isCommentOrBlank(line)) {
            return null;
        }
        String t = line.stripLeading();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                key.append(t.charAt(++i));
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static String escape(String s, boolean isKey) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append(isKey || i == 0 ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(isKey || i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Replaces {@code file} with {@code text}: written beside it, forced to disk, renamed over it. */
    private static void replace(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // a hidden name ending in .tmp: Karaf's watcher only reads *.cfg, *.config and *.json
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            copyPermissions(file, tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(ENCODING));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return; // a new file: the directory's defaults
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            target.setPermissions(source.readAttributes().permissions());
        }
    }
}
