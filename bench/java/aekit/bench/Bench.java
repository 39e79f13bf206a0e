package aekit.bench;

import aekit.data.Dataset;
import aekit.data.KitData;
import aekit.layers.Layer;
import aekit.model.Autoencoder;
import aekit.model.VariationalAutoencoder;
import aekit.training.History;
import aekit.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kit's side of {@code python3 kit.py bench} (see bench/README.md). Not a test: each step is its own JVM,
 * so that the peak memory it reports belongs to one run.
 *
 * <pre>
 * Bench prepare DIR                       writes DIR/train.npy, DIR/test.npy (float32 [N, 784] in [0, 1]) and DIR/data.txt
 * Bench ceiling RESULTS                   appends the ND4J 2048×2048 sgemm rate of this machine
 * Bench aekit RESULTS DIR EPOCHS MODEL SEED [LABEL]   trains one model and appends one row (LABEL: aekit)
 * </pre>
 *
 * <p>Model A: 784-128-32-128-784; model B: seed 001 §5.2's 784-64-32-16-32-64-784. ReLU hidden, sigmoid output,
 * binary cross-entropy, Adam(1e-3), batch 256, float32. Model conv: the Keras blog's convolutional autoencoder
 * ({@link Autoencoder#convolutional}), batch 128 as in the blog. Data: Fashion-MNIST's 60,000 training images when
 * installed, else 16,000 of the shipped images; the test set is Fashion-MNIST's t10k (or its last 2,000).
 */
public final class Bench {
    /** The columns every implementation writes, in this order (bench/peers.py and the DL4J runner too). */
    public static final String COLUMNS = "implementation,model,seed,train_images,epochs,median_s,min_s,max_s,gflops,test_bce,peak_rss_mb,version,epoch_seconds";

    private Bench() {}

    public static void main(String[] args) throws IOException {
        switch (args.length == 0 ? "" : args[0]) {
            case "prepare" -> prepare(Paths.get(args[1]));
            case "ceiling" -> append(Paths.get(args[1]), String.format(Locale.ROOT, "sgemm,2048,0,0,0,%.4f,0,0,%.2f,0,%.0f,nd4j %s (BLAS threads: %s),",
                    0.0, sgemmGflops(), peakRssMb(), jarVersion("nd4j-api"), blasThreads()));
            case "aekit" -> {
                Path dir = Paths.get(args[2]);
                String model = args[4];
                INDArray train = Nd4j.createFromNpyFile(dir.resolve("train.npy").toFile());
                INDArray test = Nd4j.createFromNpyFile(dir.resolve("test.npy").toFile());
                String label = args.length > 6 ? args[6] : "aekit";
                append(Paths.get(args[1]), runAekit(label, model, train, test, Integer.parseInt(args[3]), Long.parseLong(args[5])));
            }
            case "profile" -> System.out.println(Profile.run(args[2], Nd4j.createFromNpyFile(Paths.get(args[1]).resolve("train.npy").toFile())));
            case "profile-halves" -> System.out.println(Profile.runHalves(args[2], Nd4j.createFromNpyFile(Paths.get(args[1]).resolve("train.npy").toFile())));
            default -> {
                System.err.println("usage: Bench prepare DIR | ceiling RESULTS | aekit RESULTS DIR EPOCHS MODEL SEED [LABEL] | profile DIR MODEL | profile-halves DIR MODEL"
                        + "  (run it through `python3 kit.py bench`)");
                System.exit(2);
            }
        }
    }

    /** Hidden widths of the encoder; the decoder mirrors them. */
    public static int[] widths(String model) {
        return switch (model) {
            case "A" -> new int[] {784, 128, 32};
            case "B" -> new int[] {784, 64, 32, 16};
            default -> throw new IllegalArgumentException("model must be A or B, got " + model);
        };
    }

    /** Batch size: 256 for the dense models, the Keras examples' 128 for the convolutional one and the VAE. */
    public static int batchSize(String model) {
        return model.equals("conv") || model.equals("vae") ? 128 : 256;
    }

    /** What the test column holds: the test BCE, or for the VAE the negative ELBO per image (one ε per image, seed 1). */
    public static String testMetric(String model) {
        return model.equals("vae") ? "test −ELBO (nats/image)" : "test BCE";
    }

    /**
     * Multiply-adds per image in the forward pass: the weights for a dense model; for the convolutional one, each
     * convolution's Ho·Wo·F·C·k·k (16·784·9 + 8·196·144 + 8·49·72 + 8·16·72 + 8·64·72 + 16·196·72 + 1·784·144).
     */
    public static long multiplyAdds(String model) {
        if (model.equals("conv")) return 112_896 + 225_792 + 28_224 + 9_216 + 36_864 + 225_792 + 112_896;
        if (model.equals("vae")) return 784 * 512 + 512 * 2 * 2 + 2 * 512 + 512 * 784;   // 784 → 512 → (μ, log σ²) → z → 512 → 784
        return weights(model);
    }

    /** Weights of the whole autoencoder (both halves): one multiply-add each per image forward, two backward. */
    public static long weights(String model) {
        int[] w = widths(model);
        long half = 0;
        for (int i = 1; i < w.length; i++) half += (long) w[i - 1] * w[i];
        return 2 * half;
    }

    static String runAekit(String label, String model, INDArray train, INDArray test, int epochs, long seed) {
        Layer network = model.equals("vae") ? VariationalAutoencoder.dense(784, 512, 2, 1.0, seed)
                : model.equals("conv") ? Autoencoder.convolutional(seed) : Autoencoder.builder(widths(model)).seed(seed).build();
        History h = Trainer.defaults().splitBatches(!label.equals("aekit-1-thread")).seed(seed).epochs(epochs).batchSize(batchSize(model)).quiet().fit(network, train);
        double[] seconds = h.epochs().stream().mapToDouble(r -> r.seconds()).toArray();
        double testLoss = network instanceof VariationalAutoencoder vae ? vae.negativeElbo(test, 1)      // testMetric(model)
                                                                        : Trainer.defaults().evaluate(network, test, test);
        return row(label, model, seed, train.rows(), seconds, testLoss,
                "aekit 0.1.0 on nd4j-native " + jarVersion("nd4j-api") + " (BLAS threads: " + blasThreads() + "; SIMD: " + aekit.fast.Simd.describe() + ")");
    }

    /** One CSV row: the first epoch is warm-up (JIT, first allocations); median, min and max of the rest. */
    public static String row(String implementation, String model, long seed, long images, double[] seconds, double testLoss, String version) {
        double[] timed = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(timed);
        double median = timed[timed.length / 2];
        double gflop = 6.0 * images * multiplyAdds(model) / 1e9;  // forward 2·N·W + backward 4·N·W
        return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.4f,%.4f,%.4f,%.2f,%.5f,%.0f,%s,%s", implementation, model, seed, images,
                seconds.length, median, timed[0], timed[timed.length - 1], gflop / median, testLoss, peakRssMb(), version,
                Arrays.stream(seconds).mapToObj(s -> String.format(Locale.ROOT, "%.4f", s)).collect(Collectors.joining(" ")));
    }

    static void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        INDArray train, test;
        String source;
        if (KitData.hasFullFashionMnist()) {
            train = KitData.fashionMnistTrain().x();
            test = KitData.fashionMnist().x();
            source = "Fashion-MNIST: the 60,000 training images (" + KitData.fullFashionDirectory() + "), tested on the 10,000 t10k images";
        } else {
            Dataset fashion = KitData.fashionMnist();
            train = Nd4j.vstack(fashion.slice(0, 8000).x(), KitData.mnist().slice(0, 8000).x());
            test = fashion.slice(8000, 10000).x();
            source = "the shipped sets (full Fashion-MNIST not installed): 8,000 Fashion-MNIST + 8,000 MNIST images, tested on 2,000 other Fashion-MNIST images";
        }
        Nd4j.writeAsNumpy(train.castTo(DataType.FLOAT), dir.resolve("train.npy").toFile());
        Nd4j.writeAsNumpy(test.castTo(DataType.FLOAT), dir.resolve("test.npy").toFile());
        Files.writeString(dir.resolve("data.txt"), source + "\n", StandardCharsets.UTF_8);
        System.out.println("data: " + source);
    }

    static double sgemmGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2048, 2048), b = Nd4j.rand(DataType.FLOAT, 2048, 2048), c = Nd4j.create(DataType.FLOAT, 2048, 2048);
        Nd4j.gemm(a, b, c, false, false, 1, 0);
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1, 0);
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return 2.0 * 2048 * 2048 * 2048 / t[t.length / 2] / 1e9;
    }

    /** How many threads OpenBLAS was given: OPENBLAS_NUM_THREADS when ND4J leaves it alone, else ND4J's (OpenMP's) count. */
    public static String blasThreads() {
        var env = System.getenv();
        if (env.containsKey("ND4J_SKIP_BLAS_THREADS")) return env.getOrDefault("OPENBLAS_NUM_THREADS", "all cores");
        return String.valueOf(Nd4j.factory().blas().getMaxThreads());
    }

    /** The version in a jar's file name on the classpath, e.g. {@code nd4j-api-1.0.0-M2.1.jar} → 1.0.0-M2.1. */
    public static String jarVersion(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Paths.get(entry).getFileName().toString();
            if (name.startsWith(artifact + "-") && name.endsWith(".jar")) return name.substring(artifact.length() + 1, name.length() - 4);
        }
        return "?";
    }

    /** The process's peak resident memory in MB (Linux's VmHWM), or NaN where /proc does not exist. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    public static void append(Path results, String row) {
        try {
            if (results.getParent() != null) Files.createDirectories(results.getParent());
            if (!Files.exists(results)) Files.writeString(results, COLUMNS + "\n", StandardCharsets.UTF_8);
            Files.writeString(results, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(row.length() > 160 ? row.substring(0, 160) + "…" : row);
    }
}
