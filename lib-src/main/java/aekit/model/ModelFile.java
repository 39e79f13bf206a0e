package aekit.model;

import aekit.layers.Layer;
import aekit.layers.Param;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads a model's parameters. A file holds a magic word, a format version, the architecture
 * ({@link Layer#describe()}) and every parameter by name in ND4J's binary format; loading into a model of a
 * different architecture fails and says what each side has.
 */
public final class ModelFile {
    static final String MAGIC = "AEKIT-MODEL";
    public static final int FORMAT_VERSION = 1;

    private ModelFile() {}

    public static void save(Layer model, Path file) throws IOException {
        List<Param> params = model.params();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(model.describe());
            out.writeInt(params.size());
            for (Param p : params) {
                out.writeUTF(p.name);
                Nd4j.write(p.value, out);
            }
        }
    }

    /** Reads the parameters in {@code file} into {@code model}, which must have the same architecture. */
    public static void load(Layer model, Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) throw new IOException(file + " is not an aekit model file");
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + " has model format version " + version + "; this aekit reads version " + FORMAT_VERSION);
            }
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
                p.value.assign(value);
            }
        }
    }
}
