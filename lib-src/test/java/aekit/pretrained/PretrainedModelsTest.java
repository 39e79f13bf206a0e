package aekit.pretrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.data.DataFileException;
import aekit.data.KitData;
import aekit.layers.Layer;
import aekit.model.Autoencoder;
import aekit.model.VariationalAutoencoder;
import aekit.training.History;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The shipped models are what their recipes and the manifest say, without training them again: each loads (its
 * SHA-256 checked), scores the held-out loss the manifest records, and one epoch of its recipe, run again from the
 * same seed, reproduces the first row of its recorded history.
 */
class PretrainedModelsTest {
    /** Float sums in another order (another CPU's vector width) move the fifth digit at most. */
    private static final double SAME = 1e-4;

    static Stream<Recipe> recipes() {
        return Pretrained.RECIPES.stream();
    }

    static Table manifest() {
        return Table.read().usingOptions(CsvReadOptions.builder(Pretrained.directory().resolve(Pretrain.MANIFEST).toFile()));
    }

    @Test
    void theManifestListsEveryRecipeOnce() {
        List<String> listed = manifest().stringColumn("name").asList();
        List<String> recipes = Pretrained.RECIPES.stream().map(Recipe::name).collect(Collectors.toList());
        assertEquals(recipes.stream().sorted().toList(), listed.stream().sorted().toList(), "data/models/models.csv against Pretrained.RECIPES");
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void theShippedModelScoresItsRecordedHeldOutLoss(Recipe recipe) {
        Layer model = recipe.model().get() instanceof VariationalAutoencoder ? Pretrained.vae(recipe.name()) : Pretrained.autoencoder(recipe.name());
        double recorded = row(recipe).getDouble("held-out loss");
        double measured = Pretrained.heldOutLoss(recipe, model, Pretrained.heldOutDigits().x());
        assertEquals(recorded, measured, SAME * recorded, recipe.name());
        History history = Pretrained.history(recipe.name());
        assertEquals(recipe.epochs(), history.epochs().size(), recipe.name() + ": one history row per epoch");
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void oneEpochOfTheRecipeReproducesTheStartOfItsHistory(Recipe recipe) {
        INDArray train = Pretrained.trainingDigits().x(), heldOut = Pretrained.heldOutDigits().x();
        INDArray validation = recipe.denoiser() ? aekit.data.Noise.gaussian(recipe.noiseSigma()).apply(heldOut) : heldOut;
        History again = recipe.trainer().epochs(1).validation(validation, heldOut).fit(recipe.model().get(), train);
        History recorded = Pretrained.history(recipe.name());
        assertEquals(recorded.epochs().get(0).trainLoss(), again.finalTrainLoss(), SAME * again.finalTrainLoss(), recipe.name() + ": epoch 1, train loss");
        assertEquals(recorded.epochs().get(0).validationLoss(), again.finalValidationLoss(), SAME * again.finalValidationLoss(), recipe.name() + ": epoch 1, held-out loss");
    }

    @Test
    void theConvolutionalAutoencoderReachesTheKerasBlogsLoss() {
        assertTrue(row(Pretrained.recipe("conv")).getDouble("held-out loss") <= 0.10, "the Keras blog reports 0.094 after 50 epochs on 60,000 digits");
    }

    @Test
    void aWrongNameOrKindSaysWhatThereIs() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pretrained.autoencoder("vae-3d"));
        assertTrue(e.getMessage().contains("vae-2d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pretrained.autoencoder("vae-2d"));
        assertTrue(e.getMessage().contains("Pretrained.vae(\"vae-2d\")"), e.getMessage());
    }

    @Test
    void aChangedModelFileIsRefusedWithTheCommandThatRebuildsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("models"));
        Files.copy(KitData.dataDirectory().resolve("SHA256SUMS"), data.resolve("SHA256SUMS"));
        byte[] bytes = Files.readAllBytes(Pretrained.directory().resolve("conv.aekit"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(data.resolve("models").resolve("conv.aekit"), bytes);
        String before = System.getProperty("aekit.data");
        System.setProperty("aekit.data", data.toString());
        try {
            var e = assertThrows(DataFileException.class, () -> Pretrained.autoencoder("conv"));
            assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains("kit.py pretrain conv"), e.getMessage());
            e = assertThrows(DataFileException.class, () -> Pretrained.autoencoder("dense-128"));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty("aekit.data"); else System.setProperty("aekit.data", before);
        }
    }

    private static Row row(Recipe recipe) {
        Table m = manifest();
        for (Row r : m) if (r.getString("name").equals(recipe.name())) return r;
        throw new AssertionError("models.csv has no row for " + recipe.name());
    }
}
