package aekit.pretrained;

import aekit.data.Checksums;
import aekit.data.Dataset;
import aekit.data.KitData;
import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.model.ModelFile;
import aekit.training.EpochRecord;
import aekit.training.History;
import aekit.training.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * {@code python3 kit.py pretrain [NAME ...]}: trains the named recipes (all without names) and writes, for each,
 * {@code data/models/NAME.aekit} (weights in half precision, to keep the repository light), {@code NAME.history.csv}
 * (loss per epoch), its row of {@code models.csv} (epochs, seconds, held-out loss, machine) and its lines of
 * {@code data/SHA256SUMS}. The held-out loss is measured after the weights are rounded to half precision, so it is the
 * loss of the file a student loads.
 */
public final class Pretrain {
    static final String MANIFEST = "models.csv";

    private Pretrain() {}

    public static void main(String[] args) throws IOException {
        List<Recipe> recipes = new ArrayList<>();
        if (args.length == 0) recipes.addAll(Pretrained.RECIPES);
        for (String name : args) recipes.add(Pretrained.recipe(name));
        Files.createDirectories(Pretrained.directory());
        Dataset train = Pretrained.trainingDigits(), heldOut = Pretrained.heldOutDigits();
        for (Recipe recipe : recipes) train(recipe, train.x(), heldOut.x());
    }

    static void train(Recipe recipe, INDArray train, INDArray heldOut) throws IOException {
        System.out.printf(Locale.ROOT, "[pretrain] %s: %s, %d epochs of %,d digits%n", recipe.name(), recipe.what(), recipe.epochs(), train.rows());
        Layer model = recipe.model().get();
        INDArray validationInputs = recipe.denoiser() ? aekit.data.Noise.gaussian(recipe.noiseSigma()).apply(heldOut) : heldOut;
        History history = recipe.trainer().validation(validationInputs, heldOut).listener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord r, int total) {
                System.out.printf(Locale.ROOT, "[pretrain] %s epoch %d/%d  train %.5f  held-out %.5f  (%.1f s)%n",
                        recipe.name(), r.epoch(), total, r.trainLoss(), r.validationLoss(), r.seconds());
            }
        }).fit(model, train);
        for (Param p : model.params()) p.value.assign(p.value.castTo(DataType.HALF).castTo(p.value.dataType()));
        double loss = Pretrained.heldOutLoss(recipe, model, heldOut);
        Path dir = Pretrained.directory();
        ModelFile.save(model, dir.resolve(recipe.name() + ".aekit"), DataType.HALF);
        history.write(dir.resolve(recipe.name() + ".history.csv"));
        record(recipe, history, loss);
        for (String file : List.of(recipe.name() + ".aekit", recipe.name() + ".history.csv")) {
            updateChecksum("models/" + file, Checksums.sha256(dir.resolve(file)));
        }
        System.out.printf(Locale.ROOT, "[pretrain] %s: held-out loss %.5f after %.0f s; wrote data/models/%s.aekit (%,d bytes)%n",
                recipe.name(), loss, history.totalSeconds(), recipe.name(), Files.size(dir.resolve(recipe.name() + ".aekit")));
    }

    /** The manifest's row for this recipe, replacing an older one: what `kit.py test` checks the shipped file against. */
    private static void record(Recipe recipe, History history, double loss) throws IOException {
        Path file = Pretrained.directory().resolve(MANIFEST);
        Table row = Table.create("pretrained models",
                StringColumn.create("name", recipe.name()),
                StringColumn.create("chapter", recipe.chapter()),
                StringColumn.create("what", recipe.what()),
                IntColumn.create("epochs", new int[] {recipe.epochs()}),
                IntColumn.create("batch size", new int[] {recipe.batchSize()}),
                DoubleColumn.create("noise sigma", recipe.noiseSigma()),
                DoubleColumn.create("seconds", Math.round(history.totalSeconds())),
                DoubleColumn.create("held-out loss", loss),
                StringColumn.create("trained on", cpu()),
                StringColumn.create("date", LocalDate.now().toString()));
        Table manifest = row;
        if (Files.isRegularFile(file)) {
            Table old = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(row.typeArray()));
            manifest = old.dropWhere(old.stringColumn("name").isEqualTo(recipe.name())).append(row);
        }
        manifest.write().csv(file.toFile());
    }

    /** Replaces (or adds) the line for {@code name} in data/SHA256SUMS. */
    private static void updateChecksum(String name, String digest) throws IOException {
        Path sums = KitData.dataDirectory().resolve("SHA256SUMS");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(sums)) if (!line.endsWith("  " + name)) lines.add(line);
        lines.add(digest + "  " + name);
        Files.write(sums, lines);
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture will do
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
