package aekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.layers.Layer;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.CategoricalCrossEntropy;
import aekit.losses.MaskedLoss;
import aekit.losses.MeanSquaredError;
import aekit.losses.TwoViewLoss;
import aekit.losses.WeightedLoss;
import aekit.model.Autoencoder;
import aekit.model.ModelFile;
import aekit.model.VariationalAutoencoder;
import aekit.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What a new user does wrong, and the error that tells them what and how to fix it (issue 16's table, row by row). */
class NothingSilentTest {

    private static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }

    @Test
    void pixelsLeftIn0To255AreRefusedBeforeTheFirstBatch() {
        Autoencoder ae = Autoencoder.dense(12, 6, 3);
        INDArray before = ae.params().get(0).value.dup();
        INDArray pixels = Fixtures.unitInterval(20, 12, 1).muli(255);
        pixels.putScalar(0, 0, 0);
        pixels.putScalar(0, 1, 255);
        var e = assertThrows(IllegalArgumentException.class, () -> ae.fit(pixels, 2));
        assertMentions(e, "binary_crossentropy", "[0, 1]", "from 0 to 255", "Divide them by 255", "Scaler.minMax");
        assertEquals(before, ae.params().get(0).value, "no batch ran");
        // the validation data is checked too, before training
        var v = assertThrows(IllegalArgumentException.class,
                () -> Trainer.defaults().epochs(1).validation(pixels).fit(ae, Fixtures.unitInterval(20, 12, 2)));
        assertMentions(v, "[0, 1]");
    }

    @Test
    void crossEntropiesRefuseTargetsOutsideTheUnitIntervalWhereverTheyAreCalled() {
        INDArray prediction = Fixtures.unitInterval(2, 3, 1);
        INDArray target = Nd4j.createFromArray(new double[][] {{0, 1, 5}, {0.5, 0.2, 0}}).castTo(prediction.dataType());
        var bce = new BinaryCrossEntropy();
        assertMentions(assertThrows(IllegalArgumentException.class, () -> bce.value(prediction, target)), "from 0 to 5");
        assertThrows(IllegalArgumentException.class, () -> bce.gradient(prediction, target));
        assertThrows(IllegalArgumentException.class, () -> bce.perSample(prediction, target));
        INDArray negative = target.neg();
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossEntropy().value(prediction, negative)),
                "categorical_crossentropy", "from -5 to", "MSE");
        // composites ask their parts: the trainer's one check covers every view
        assertThrows(IllegalArgumentException.class, () -> new WeightedLoss(0.5, new MeanSquaredError(), bce).checkTargets(target));
        assertThrows(IllegalArgumentException.class, () -> new TwoViewLoss(2, new MeanSquaredError(), 1, bce, 1).checkTargets(target));
        new TwoViewLoss(3, bce, 1, new MeanSquaredError(), 1).checkTargets(Nd4j.hstack(prediction, target));   // MSE takes any
        // a masked loss skips NaN (missing) but still refuses real targets out of range
        INDArray missing = prediction.dup();
        missing.putScalar(0, 0, Double.NaN);
        new MaskedLoss(bce).checkTargets(missing);
        missing.putScalar(1, 1, 3);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new MaskedLoss(bce).checkTargets(missing)), "to 3");
        // MSE takes any finite target
        new MeanSquaredError().value(prediction, target);
    }

    @Test
    void aFloatModelFedDoublesOrIntsNamesTheLayerBothTypesAndTheFix() {
        Autoencoder ae = Autoencoder.dense(4, 3, 2);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 2, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> ae.encode(doubles));
        assertMentions(e, "encoder.dense1", "FLOAT weights", "DOUBLE input", "x.castTo(DataType.FLOAT)", "model.castTo(DataType.DOUBLE)");
        INDArray ints = Nd4j.createFromArray(new int[][] {{1, 2, 3, 4}});
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.reconstruct(ints)), "INT input", "x.castTo(DataType.FLOAT)");
        // found by PublicApiPropertiesTest: a LONG matrix was told to cast the model to FLOAT
        var longs = assertThrows(IllegalArgumentException.class, () -> ae.encode(ints.castTo(DataType.INT64)));
        assertMentions(longs, "LONG input", "x.castTo(DataType.FLOAT)");
        assertTrue(!longs.getMessage().contains("model.castTo"), longs.getMessage());
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.encode(Nd4j.create(DataType.FLOAT, 0, 4))), "x has no rows");
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 1, 4);
        nan.putScalar(0, 2, Double.NaN);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.encode(nan)), "x holds NaN");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.fit(doubles, 1)), "encoder.dense1", "DOUBLE");
        ae.castTo(DataType.DOUBLE);
        assertEquals(DataType.DOUBLE, ae.encode(doubles).dataType(), "the fix the message names works");
    }

    @Test
    void nullArgumentsAreNamed() {
        Autoencoder ae = Autoencoder.dense(4, 3, 2);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.encode(null)), "encode(x): x is null");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.decode(null)), "decode(code): code is null");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.reconstruct(null)), "x is null");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> ae.fit(null, 1)), "fit(x): x is null");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().fit(ae, null)), "inputs are null");
        var vae = VariationalAutoencoder.dense(4, 3, 2);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> vae.encode(null)), "encode(x): x is null");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> vae.decode(null)), "decode(z): z is null");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new BinaryCrossEntropy().checkTargets(null)), "null");
    }

    @Test
    void aModelFileCutShortOrJunkOrDamagedIsRefusedWithItsPathAndWhatIsWrong(@TempDir Path dir) throws IOException {
        Autoencoder ae = Autoencoder.dense(20, 8, 3);
        Path file = dir.resolve("model.aekit");
        ModelFile.save(ae, file);
        byte[] good = Files.readAllBytes(file);

        Path half = dir.resolve("half.aekit");
        Files.write(half, Arrays.copyOf(good, good.length / 2));
        assertMentions(assertThrows(IOException.class, () -> ModelFile.load(Autoencoder.dense(20, 8, 3), half)),
                half.toString(), "truncated", "of the " + String.format("%,d", good.length) + " bytes");

        Path junk = dir.resolve("junk.aekit");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5});
        assertMentions(assertThrows(IOException.class, () -> ModelFile.load(Autoencoder.dense(20, 8, 3), junk)),
                junk.toString(), "not an aekit model file");

        Path flipped = dir.resolve("flipped.aekit");
        byte[] bad = good.clone();
        bad[bad.length - 10] ^= 0x01;   // one bit of the last weights
        Files.write(flipped, bad);
        assertMentions(assertThrows(IOException.class, () -> ModelFile.load(Autoencoder.dense(20, 8, 3), flipped)),
                flipped.toString(), "damaged", "checksum");

        Path longer = dir.resolve("longer.aekit");
        Files.write(longer, Arrays.copyOf(good, good.length + 3));
        assertMentions(assertThrows(IOException.class, () -> ModelFile.load(Autoencoder.dense(20, 8, 3), longer)), "damaged");

        Autoencoder copy = Autoencoder.builder(20, 8, 3).seed(99).build();
        ModelFile.load(copy, file);
        assertEquals(ae.params().get(0).value, copy.params().get(0).value, "the intact file still loads");
    }

    @Test
    void anInterruptedFitStopsAtABatchBoundaryAndLeavesAUsableModel() throws Exception {
        INDArray x = Fixtures.unitInterval(256, 20, 4);
        Autoencoder ae = Autoencoder.dense(20, 8, 3);
        Trainer trainer = Trainer.defaults().epochs(100_000).batchSize(8).quiet();
        var thrown = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread training = new Thread(() -> {
            try {
                trainer.fit(ae, x);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        training.start();
        while (trainer.lastHistory() == null || trainer.lastHistory().epochs().size() < 2) Thread.sleep(5);
        training.interrupt();   // what JJava does when the stop button is pressed
        training.join(10_000);
        assertTrue(!training.isAlive(), "training stopped");
        var e = (aekit.training.TrainingInterruptedException) thrown.get();
        assertMentions(e, "interrupted in epoch", "finished epoch");
        assertTrue(e.history.epochs().size() >= 2 && e.history == trainer.lastHistory());
        for (double loss : e.history.trainLosses()) assertTrue(Double.isFinite(loss));
        INDArray out = ae.reconstruct(x);
        assertTrue(!out.isNaN().any(), "the model still works");
        assertEquals(1, Trainer.defaults().epochs(1).quiet().fit(ae, x).epochs().size(), "and can keep training");
    }

    @Test
    void aSaveThatFailsHalfwayLeavesThePreviousFileLoadable(@TempDir Path dir) throws IOException {
        Autoencoder ae = Autoencoder.dense(6, 4, 2);
        Path file = dir.resolve("model.aekit");
        ModelFile.save(ae, file);
        byte[] before = Files.readAllBytes(file);
        Layer failing = new Layer("failing") {
            @Override public INDArray forward(INDArray x, boolean training) { return x; }
            @Override public INDArray backward(INDArray dy) { return dy; }
            @Override public int outputSize(int inputSize) { return inputSize; }
            @Override public String describe() { throw new IllegalStateException("the disk is full (simulated)"); }
        };
        assertThrows(IllegalStateException.class, () -> ModelFile.save(failing, file));
        assertTrue(Arrays.equals(before, Files.readAllBytes(file)), "the previous file is untouched");
        ModelFile.load(Autoencoder.dense(6, 4, 2), file);
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }
}
