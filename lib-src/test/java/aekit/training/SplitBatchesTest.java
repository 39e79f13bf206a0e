package aekit.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.activations.ReLU;
import aekit.activations.Sigmoid;
import aekit.fast.Blas;
import aekit.fast.OffHeap;
import aekit.fast.Simd;
import aekit.fast.TwoCores;
import aekit.layers.Dense;
import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.MaskedLoss;
import aekit.losses.MeanSquaredError;
import aekit.losses.WeightedLoss;
import aekit.losses.MeanAbsoluteError;
import aekit.model.Autoencoder;
import aekit.model.VariationalAutoencoder;
import aekit.optimizers.Adam;
import aekit.regularizers.L1ActivitySparsity;
import aekit.training.History;
import aekit.training.Trainer;
import aekit.training.TrainingDivergedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A batch split in two halves, one per core ({@code Trainer.splitBatches}), trains the same model as the batch in one
 * piece: the same gradient up to rounding, the same numbers on every run, and it steps aside for models and losses
 * it cannot split. The buffers it writes into (no new arrays while training) hold ND4J's numbers.
 */
class SplitBatchesTest {
    @Test
    void halvesGiveTheGradientOfTheWholeBatch() {
        // In float64 rounding is 1e-16: the two ways may differ only there. 200 rows: batches of 64, 64, 64 and a last
        // one of 8 that stays in one piece.
        INDArray x = Fixtures.unitInterval(200, 12, 7).castTo(DataType.DOUBLE);
        double[] split = trainDouble(x, true), whole = trainDouble(x, false);
        assertEquals(split.length, whole.length);
        for (int i = 0; i < split.length; i++) assertEquals(whole[i], split[i], 1e-12 * Math.max(1, Math.abs(whole[i])), "number " + i);
    }

    private static double[] trainDouble(INDArray x, boolean split) {
        Autoencoder model = Autoencoder.builder(12, 8, 3).seed(5).build();
        model.castTo(DataType.DOUBLE);
        History h = new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).splitBatches(split).batchSize(64).epochs(3).seed(2).quiet().fit(model, x);
        INDArray weights = Nd4j.toFlattened(model.params().stream().map(p -> p.value).toList());
        double[] out = new double[(int) weights.length() + 3];
        for (int i = 0; i < weights.length(); i++) out[i] = weights.getDouble(i);
        for (int e = 0; e < 3; e++) out[(int) weights.length() + e] = h.epochs().get(e).trainLoss();
        return out;
    }

    @Test
    void convolutionalHalvesGiveTheGradientOfTheWholeBatchToo() {
        // conv → ReLU → pool → upsample → conv → sigmoid on 6×6 images, float64 (the readable im2col path)
        INDArray x = Fixtures.unitInterval(128, 36, 8).castTo(DataType.DOUBLE);
        double[] split = trainConvolutional(x, true), whole = trainConvolutional(x, false);
        for (int i = 0; i < split.length; i++) assertEquals(whole[i], split[i], 1e-12 * Math.max(1, Math.abs(whole[i])), "number " + i);
    }

    private static double[] trainConvolutional(INDArray x, boolean split) {
        Autoencoder model = Fixtures.tinyConvolutionalAutoencoder(2);
        assertNotNull(model.twin());
        model.castTo(DataType.DOUBLE);
        new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).splitBatches(split).batchSize(64).epochs(2).seed(3).quiet().fit(model, x);
        INDArray weights = Nd4j.toFlattened(model.params().stream().map(p -> p.value).toList());
        return weights.data().asDouble();
    }

    @Test
    void theSameSeedGivesTheSameBitsEveryRun() {
        INDArray x = Fixtures.unitInterval(512, 784, 3);
        INDArray first = trainFloat(x), second = trainFloat(x);
        assertEquals(first, second);   // exact: the halves are added in a fixed order, whichever core finishes first
    }

    private static INDArray trainFloat(INDArray x) {
        Autoencoder model = Autoencoder.dense(784, 32, 8);
        Trainer.defaults().epochs(2).quiet().fit(model, x);
        return Nd4j.toFlattened(model.params().stream().map(p -> p.value).toList());
    }

    @Test
    void aTwinSharesTheWeightsAndKeepsItsOwnGradients() {
        Dense dense = new Dense(4, 3);
        Dense twin = (Dense) dense.twin();
        assertSame(dense.W.value, twin.W.value);
        assertSame(dense.b.value, twin.b.value);
        assertNotSame(dense.W.grad, twin.W.grad);
        assertEquals(dense.name(), twin.name());

        Autoencoder model = Autoencoder.dense(6, 4, 2);
        Layer modelTwin = model.twin();
        List<Param> ours = model.params(), theirs = modelTwin.params();
        assertEquals(ours.size(), theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            assertSame(ours.get(i).value, theirs.get(i).value);
            assertEquals(ours.get(i).name, theirs.get(i).name);
        }
        INDArray x = Fixtures.unitInterval(5, 6, 1);
        assertEquals(model.reconstruct(x), ((Autoencoder) modelTwin).reconstruct(x));
    }

    @Test
    void modelsAndLossesThatCannotBeSplitSayNoAndTrainInOnePiece() {
        assertNull(Autoencoder.builder(6, 4, 2).dropout(0.2).build().twin());                           // random masks
        assertNull(Autoencoder.builder(6, 4, 2).codePenalty(new L1ActivitySparsity(1e-3)).build().twin());      // Ω over the whole batch
        assertNull(VariationalAutoencoder.dense(6, 4, 2, 1.0, 1).twin());                                // random ε
        assertNull(new aekit.layers.Dropout(0.5, 1).twin());                                             // a dropout layer on its own
        assertTrue(new BinaryCrossEntropy().isMeanOverRows());
        assertTrue(new WeightedLoss(0.5, new MeanSquaredError(), new MeanAbsoluteError()).isMeanOverRows());
        assertFalse(new MaskedLoss(new MeanSquaredError()).isMeanOverRows());                           // counts only some entries

        INDArray x = Fixtures.unitInterval(128, 6, 2);
        Autoencoder sparse = Autoencoder.builder(6, 4, 2).codePenalty(new L1ActivitySparsity(1e-3)).build();
        History h = Trainer.defaults().batchSize(128).epochs(2).quiet().fit(sparse, x);
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss() + 1e-3);
    }

    @Test
    void aTrainerDoesNotKeepTheModelsItSplitAlive() throws InterruptedException {
        // A trainer keeps each model's halves (twin, buffers) in a weak map, for the next fit of the same model; a value
        // that held its own key would keep every model it ever trained, and their buffers, for as long as it lives.
        Trainer trainer = Trainer.defaults().epochs(1).quiet();
        java.lang.ref.WeakReference<Autoencoder> fitted = fitAndForget(trainer);
        for (int i = 0; i < 50 && fitted.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(fitted.get(), "the model was still reachable after training");
        trainer.fit(Autoencoder.dense(784, 16, 4), Fixtures.unitInterval(128, 784, 7));   // the trainer still works
    }

    private static java.lang.ref.WeakReference<Autoencoder> fitAndForget(Trainer trainer) {
        Autoencoder model = Autoencoder.dense(784, 16, 4);
        trainer.fit(model, Fixtures.unitInterval(128, 784, 6));
        assertNotNull(model.twin());   // the halves were used
        return new java.lang.ref.WeakReference<>(model);
    }

    @Test
    void blasGetsItsThreadsBackAfterTrainingEvenAfterAFailure() {
        int before = Blas.threads();
        Autoencoder model = Autoencoder.dense(784, 16, 4);
        Trainer.defaults().epochs(1).quiet().fit(model, Fixtures.unitInterval(256, 784, 4));
        assertEquals(before, Blas.threads());
        INDArray huge = Fixtures.unitInterval(256, 784, 5);
        assertThrows(TrainingDivergedException.class,
                () -> new Trainer(new MeanSquaredError(), new Adam(1e30)).epochs(3).quiet().fit(Autoencoder.dense(784, 16, 4), huge.mul(1e20)));
        assertEquals(before, Blas.threads());
    }

    @Test
    void twoCoresRunsBothPassesOnFailuresAndKeepsAnInterrupt() {
        AtomicBoolean secondRan = new AtomicBoolean();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TwoCores.both(() -> { throw new IllegalStateException("first"); }, () -> secondRan.set(true)));
        assertEquals("first", failure.getMessage());
        assertTrue(secondRan.get(), "the second piece still ran to the end");
        assertEquals("second", assertThrows(IllegalArgumentException.class,
                () -> TwoCores.both(() -> {}, () -> { throw new IllegalArgumentException("second"); })).getMessage());

        Thread.currentThread().interrupt();   // the stop button, pressed while the helper works
        AtomicBoolean helperFinished = new AtomicBoolean();
        TwoCores.both(() -> {}, () -> {
            long end = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < end) Thread.onSpinWait();
            helperFinished.set(true);
        });
        assertTrue(helperFinished.get(), "returned only after the helper was done");
        assertTrue(Thread.interrupted(), "the interrupt is passed on (and cleared here)");
    }

    @Test
    void buffersWrittenInPlaceHoldNd4jsNumbers() {
        INDArray z = Fixtures.unitInterval(33, 31, 9).subi(0.5).muli(8).putScalar(0, -0.0f).putScalar(1, Float.NaN);   // 1,023 numbers
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 33, 31);
        assertTrue(Simd.handles(z, out), Simd.describe());
        INDArray expected = Transforms.relu(z, true);
        assertSame(out, new ReLU().forward(z, out));
        assertArrayEquals(bits(expected), bits(out));   // bit for bit, −0 and NaN as ND4J leaves them
        assertTrue(Float.isNaN(out.getFloat(1)));

        INDArray y = Transforms.relu(z, true), dy = Fixtures.unitInterval(33, 31, 10);
        assertEquals(new ReLU().backward(y, dy), new ReLU().backward(y, dy, Nd4j.createUninitialized(DataType.FLOAT, 33, 31)));
        INDArray zs = Fixtures.unitInterval(33, 31, 11);
        assertEquals(new Sigmoid().forward(zs, false), new Sigmoid().forward(zs, Nd4j.createUninitialized(DataType.FLOAT, 33, 31)));

        // the loss gradient with a half batch's share: exactly half, as 0.5/n is a power of two times 1/n
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        INDArray p = Fixtures.unitInterval(33, 31, 12), t = Fixtures.unitInterval(33, 31, 13);
        INDArray whole = bce.gradientWrtLogits(p, t, 1.0, Nd4j.createUninitialized(DataType.FLOAT, 33, 31));
        assertEquals(bce.gradientWrtLogits(p, t), whole);
        assertEquals(whole.mul(0.5), bce.gradientWrtLogits(p, t, 0.5, Nd4j.createUninitialized(DataType.FLOAT, 33, 31)));

        INDArray g = Fixtures.unitInterval(7, 5, 14);
        OffHeap.zero(g);
        assertEquals(Nd4j.zeros(DataType.FLOAT, 7, 5), g);
        INDArray view = Fixtures.unitInterval(6, 5, 15).getRow(2);
        OffHeap.zero(view);
        assertEquals(0.0, view.sumNumber().doubleValue());
    }

    private static int[] bits(INDArray a) {
        float[] v = a.data().asFloat();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }
}
