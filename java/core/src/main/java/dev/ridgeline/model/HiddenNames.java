package dev.ridgeline.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The part of a file's name that its hidden companions carry: the temporary file of a save
 * (".NAME123.tmp"), an output folder's staging folder and lock file. A name of up to {@link #KEPT_BYTES}
 * UTF-8 bytes is kept as it is. A longer one, legal itself (a file name may take 255 bytes), would make
 * companions over that limit, and a save that the user's name allows would fail with "file name too long":
 * it is cut to {@link #CUT_BYTES} bytes on a character boundary and a hash of the whole name follows, so the
 * stem is the same in every run (a later run finds what a killed one left) and differs between names that
 * share the cut prefix.
 */
public final class HiddenNames {
    /** Names up to this many UTF-8 bytes are their own stem; the companions add at most 44 bytes. */
    static final int KEPT_BYTES = 200;
    /** Bytes of a long name kept before its hash. */
    static final int CUT_BYTES = 180;

    private HiddenNames() {
    }

    /** The stem of the companions of a file or folder named {@code name}: at most 197 UTF-8 bytes. */
    public static String stem(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= KEPT_BYTES) {
            return name;
        }
        int end = 0;
        int bytes = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int width = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + width > CUT_BYTES) {
                break;
            }
            bytes += width;
            end += Character.charCount(cp);
        }
        return name.substring(0, end) + "~" + hash(utf8);
    }

    /** The first 8 bytes of the SHA-256 of {@code utf8}, as 16 hex digits. */
    private static String hash(byte[] utf8) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(utf8);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
