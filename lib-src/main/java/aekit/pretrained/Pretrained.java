package aekit.pretrained;

import aekit.activations.Identity;
import aekit.activations.Sigmoid;
import aekit.data.Checksums;
import aekit.data.DataFileException;
import aekit.data.Dataset;
import aekit.data.KitData;
import aekit.data.Noise;
import aekit.layers.Layer;
import aekit.model.Autoencoder;
import aekit.model.ModelFile;
import aekit.model.VariationalAutoencoder;
import aekit.regularizers.KLSparsity;
import aekit.regularizers.L1ActivitySparsity;
import aekit.training.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Models trained longer than a chapter's 90 seconds allow, shipped in {@code data/models/}: a chapter trains its model
 * briefly to teach the loop, then loads the long-trained one to show what the variant reaches.
 *
 * <pre>
 * Autoencoder conv = Pretrained.autoencoder("conv");     // the Keras blog's model after its long run
 * History curve    = Pretrained.history("conv");         // that run's loss per epoch, to plot
 * </pre>
 *
 * Every model trains on MNIST digits 0–7,999 ({@link #trainingDigits()}) and was scored on digits 8,000–9,999
 * ({@link #heldOutDigits()}), the split the chapters use, so a chapter's test digits are new to it too. Each file is
 * checked against its SHA-256 in {@code data/SHA256SUMS} before it loads; {@code python3 kit.py pretrain NAME} trains
 * it again from its {@link Recipe}.
 */
public final class Pretrained {
    public static final int TRAINING_DIGITS = 8000;

    /** Every shipped model's recipe, in the order of the chapters that use them. */
    public static final List<Recipe> RECIPES = List.of(
            new Recipe("plain-32d", "13, 16, 17", "plain autoencoder 784-128-32, linear code",
                    () -> Autoencoder.builder(784, 128, 32).codeActivation(new Identity()).build(), 60, 32, 0),
            new Recipe("sparse-l1", "14", "784-1024 ReLU code, tied weights, L1 activity penalty λ = 1e-4 (the Keras blog's)",
                    () -> Autoencoder.builder(784, 1024).tiedWeights().codePenalty(new L1ActivitySparsity(1e-4)).build(), 40, 32, 0),
            new Recipe("sparse-kl", "14", "784-1024 sigmoid code, tied weights, KL sparsity ρ = 0.05, β = 0.003",
                    () -> Autoencoder.builder(784, 1024).tiedWeights().codeActivation(new Sigmoid()).codePenalty(new KLSparsity(0.05, 0.003)).build(), 40, 32, 0),
            new Recipe("conv", "15", "the Keras blog's convolutional autoencoder, 8×4×4 code",
                    () -> Autoencoder.convolutional(1), 60, 32, 0),
            new Recipe("dense-128", "15", "dense 784-128-784, trained as conv is",
                    () -> Autoencoder.dense(784, 128), 60, 32, 0),
            new Recipe("conv-denoiser", "15", "the Keras blog's convolutional denoiser (32×7×7 code), Gaussian noise σ = 0.5",
                    () -> Autoencoder.convolutionalDenoiser(2), 10, 32, 0.5),
            new Recipe("dense-128-denoiser", "15", "dense 784-128-784 denoiser, σ = 0.5, trained as conv-denoiser is",
                    () -> Autoencoder.dense(784, 128), 10, 32, 0.5),
            new Recipe("vae-2d", "16", "VAE 784-256-2 (the Keras blog's), β = 1",
                    () -> VariationalAutoencoder.dense(784, 256, 2), 60, 32, 0),
            new Recipe("plain-2d", "13, 16", "plain autoencoder 784-256-2, linear code, trained as vae-2d is",
                    () -> Autoencoder.builder(784, 256, 2).codeActivation(new Identity()).build(), 60, 32, 0),
            new Recipe("vae-32d", "16, 17", "VAE 784-128-32, β = 1",
                    () -> VariationalAutoencoder.dense(784, 128, 32), 60, 32, 0));

    private Pretrained() {}

    /** The recipe called {@code name}, or an error that lists the names there are. */
    public static Recipe recipe(String name) {
        return RECIPES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no pretrained model called '" + name + "'; the kit ships " + RECIPES.stream().map(Recipe::name).collect(Collectors.joining(", "))));
    }

    /** A shipped plain, sparse, denoising or convolutional autoencoder, its weights loaded. */
    public static Autoencoder autoencoder(String name) {
        return as(Autoencoder.class, name);
    }

    /** A shipped variational autoencoder, its weights loaded. */
    public static VariationalAutoencoder vae(String name) {
        return as(VariationalAutoencoder.class, name);
    }

    /** The loss per epoch of the run that trained {@code name}: training loss, and the loss on the held-out digits. */
    public static History history(String name) {
        return History.read(verified(recipe(name).name() + ".history.csv"));
    }

    /** data/models/models.csv: for each shipped model its recipe, seconds of training, held-out loss and machine. */
    public static Table manifest() {
        Path file = directory().resolve(Pretrain.MANIFEST);
        if (!Files.isRegularFile(file)) throw new DataFileException("the list of pretrained models " + file + " is missing. " + rebuild(""));
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName("pretrained models"));
    }

    /** MNIST digits 0–7,999: what every shipped model trained on. */
    public static Dataset trainingDigits() {
        return KitData.mnist().slice(0, TRAINING_DIGITS);
    }

    /** MNIST digits 8,000–9,999: what no shipped model saw while training. */
    public static Dataset heldOutDigits() {
        return KitData.mnist().slice(TRAINING_DIGITS, 10000);
    }

    /**
     * The loss the manifest records for a model: the recipe's loss on the held-out digits, in inference mode — for a
     * denoiser, of its output on those digits under the recipe's noise (one fixed draw) against the clean digits.
     */
    public static double heldOutLoss(Recipe recipe, Layer model, INDArray heldOut) {
        INDArray inputs = recipe.denoiser() ? Noise.gaussian(recipe.noiseSigma()).apply(heldOut) : heldOut;
        return recipe.trainer().evaluate(model, inputs, heldOut);
    }

    static Path directory() {
        return KitData.dataDirectory().resolve("models");
    }

    private static <T extends Layer> T as(Class<T> type, String name) {
        Recipe recipe = recipe(name);
        Layer model = recipe.model().get();
        if (!type.isInstance(model)) {
            throw new IllegalArgumentException("'" + name + "' is a " + model.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName() + ": load it with Pretrained." + (model instanceof VariationalAutoencoder ? "vae" : "autoencoder") + "(\"" + name + "\")");
        }
        Path file = verified(name + ".aekit");
        try {
            ModelFile.load(model, file);
        } catch (IOException e) {
            throw new DataFileException("could not load " + file + ": " + e.getMessage() + ". " + rebuild(name), e);
        }
        return type.cast(model);
    }

    /** The file in data/models/, after checking it exists and has the SHA-256 that data/SHA256SUMS gives it. */
    private static Path verified(String fileName) {
        Path file = directory().resolve(fileName);
        String name = fileName.substring(0, fileName.indexOf('.'));
        if (!Files.isRegularFile(file)) throw new DataFileException("pretrained model file " + file + " is missing. " + rebuild(name));
        String expected = Checksums.expected("models/" + fileName);
        String actual = Checksums.sha256(file);
        if (expected == null) {
            throw new DataFileException("data/SHA256SUMS has no checksum for models/" + fileName + ". " + rebuild(name));
        }
        if (!expected.equals(actual)) {
            throw new DataFileException(String.format("pretrained model file %s is corrupt: SHA-256 %s, expected %s. %s", file, actual, expected, rebuild(name)));
        }
        return file;
    }

    private static String rebuild(String name) {
        return "Restore it with `git checkout -- data/models/` or train it again with `python3 kit.py pretrain " + name + "`.";
    }
}
