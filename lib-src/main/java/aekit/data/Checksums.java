package aekit.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file, and the checksum {@code data/SHA256SUMS} lists for a file of data/ (lines "digest  name"). */
public final class Checksums {
    private Checksums() {}

    /** The digest SHA256SUMS gives {@code name} (a path relative to data/, with '/'), or null if it lists none. */
    public static String expected(String name) {
        Path sums = KitData.dataDirectory().resolve("SHA256SUMS");
        try {
            for (String line : Files.readAllLines(sums)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[1].equals(name)) return parts[0];
            }
            return null;
        } catch (IOException e) {
            throw new DataFileException("could not read " + sums + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int r; (r = in.read(buffer)) > 0; ) digest.update(buffer, 0, r);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new DataFileException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
