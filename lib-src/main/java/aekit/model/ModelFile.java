package aekit.model;

import aekit.layers.Layer;
import aekit.layers.Param;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads a model's parameters.
 *
 * <pre>
 * file    = "AEKIT-MODEL\n" · version (int) · length of body (long) · SHA-256 of body (32 bytes) · body
 * body    = architecture ({@link Layer#describe()}) · parameter count · (name · values in ND4J's format) per parameter
 * </pre>
 *
 * The header lets loading tell apart the ways a file goes wrong, and say which: not a model file at all, cut short
 * (an interrupted copy), damaged (a byte changed: the checksum), another format version, or a model of another
 * architecture. Saving writes a temporary file beside the target and renames it, so a save that fails halfway (a full
 * disk, a crash) leaves the previous file as it was.
 */
public final class ModelFile {
    static final byte[] MAGIC = "AEKIT-MODEL\n".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 2;
    private static final int HEADER = MAGIC.length + Integer.BYTES + Long.BYTES + 32;

    private ModelFile() {}

    public static void save(Layer model, Path file) throws IOException {
        save(model, file, null);
    }

    /**
     * Saves the parameters converted to {@code storedAs} (e.g. {@link DataType#HALF}: half the bytes, about three
     * significant digits); loading converts them back to the model's type. {@code null} keeps the model's own type.
     */
    public static void save(Layer model, Path file, DataType storedAs) throws IOException {
        byte[] body = body(model, storedAs);   // built in memory first: a model that cannot be written never touches the disk
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(FORMAT_VERSION).putLong(body.length).put(sha256(body));
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".part");
        try {
            try (var out = Files.newOutputStream(temporary)) {
                out.write(header.array());
                out.write(body);
            }
            moveOver(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads the parameters in {@code file} into {@code model}, which must have the same architecture. */
    public static void load(Layer model, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (!startsWith(bytes, MAGIC, 0)) {
            if (startsWith(bytes, "AEKIT-MODEL".getBytes(StandardCharsets.US_ASCII), 2)) {
                throw new IOException(file + " is an aekit model file of format 1, from an older aekit; this one reads format "
                        + FORMAT_VERSION + ": train the model again and save it");
            }
            throw new IOException(file + " is not an aekit model file (it does not start with AEKIT-MODEL)");
        }
        if (bytes.length < HEADER) throw truncated(file, bytes.length, HEADER);
        ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER - MAGIC.length);
        int version = header.getInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has model format version " + version + "; this aekit reads version " + FORMAT_VERSION);
        }
        long length = header.getLong();
        byte[] checksum = new byte[32];
        header.get(checksum);
        if (bytes.length < HEADER + length) throw truncated(file, bytes.length, HEADER + length);
        byte[] body = Arrays.copyOfRange(bytes, HEADER, bytes.length);
        if (body.length != length || !Arrays.equals(checksum, sha256(body))) {
            throw new IOException(file + " is damaged: its contents no longer match the checksum written when it was saved"
                    + " (a changed or added byte). Save the model again, or restore the file from a copy");
        }
        read(model, file, new DataInputStream(new ByteArrayInputStream(body)));
    }

    private static byte[] body(Layer model, DataType storedAs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            List<Param> params = model.params();
            out.writeUTF(model.describe());
            out.writeInt(params.size());
            for (Param p : params) {
                out.writeUTF(p.name);
                Nd4j.write(storedAs == null || storedAs == p.value.dataType() ? p.value : p.value.castTo(storedAs), out);
            }
        }
        return bytes.toByteArray();
    }

    private static void read(Layer model, Path file, DataInputStream in) throws IOException {
        String architecture = in.readUTF();
        if (!architecture.equals(model.describe())) {
            throw new IllegalArgumentException("model file " + file + " holds a different architecture.\n  file:  "
                    + architecture + "\n  model: " + model.describe());
        }
        List<Param> params = model.params();
        int count = in.readInt();
        if (count != params.size()) throw new IOException(file + " holds " + count + " parameters, the model has " + params.size());
        for (Param p : params) {
            String name = in.readUTF();
            INDArray value = Nd4j.read(in);
            if (!name.equals(p.name) || !Arrays.equals(value.shape(), p.value.shape())) {
                throw new IllegalArgumentException(String.format("parameter %s %s in the file does not fit %s %s in the model",
                        name, Arrays.toString(value.shape()), p.name, Arrays.toString(p.value.shape())));
            }
            p.value.assign(value.castTo(p.value.dataType()));   // a file saved in half precision loads into float
        }
    }

    private static IOException truncated(Path file, long has, long needs) {
        return new IOException(String.format("%s is truncated: it has %,d of the %,d bytes it was saved with (a copy or"
                + " download cut short?). Save or copy it again", file, has, needs));
    }

    private static void moveOver(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {   // some file systems cannot rename atomically: replace instead
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        return bytes.length >= at + prefix.length && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
