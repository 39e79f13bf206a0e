package aekit.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (optionally gzipped): a big-endian magic number
 * (0x0000 08 nd: unsigned bytes, nd dimensions), nd sizes, then the bytes.
 */
public final class Idx {
    public final int[] dims;
    public final byte[] data;

    private Idx(int[] dims, byte[] data) {
        this.dims = dims;
        this.data = data;
    }

    public static Idx read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08) {
                throw new DataFileException(file + " is not an unsigned-byte IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
            }
            int[] dims = new int[magic & 0xff];
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readInt();
                count *= dims[i];
            }
            byte[] data = new byte[Math.toIntExact(count)];
            in.readFully(data);
            return new Idx(dims, data);
        } catch (IOException e) {
            throw new DataFileException("could not read IDX file " + file + ": " + e.getMessage(), e);
        }
    }
}
