package aekit.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.data.Dataset;
import aekit.data.KitData;
import aekit.data.Noise;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.MeanSquaredError;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.optimizers.SGD;
import aekit.regularizers.L2WeightDecay;
import aekit.training.History;
import aekit.training.Trainer;
import aekit.training.TrainingDivergedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {
    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void load() {
        Dataset mnist = KitData.mnist();
        train = mnist.slice(0, 2000);
        test = mnist.slice(8000, 9000);
    }

    /**
     * Notebook 06's hand-written loop, line for line, against {@code Trainer} on its default settings: the same losses
     * to 0.1% and the same weights to 1e-5 of the largest (the logits shortcut and the two halves change the rounding, not
     * the math), and, with both refinements off, the same numbers exactly.
     */
    @Test
    void theHandWrittenLoopOfChapter06IsTheTrainersLoop() {
        INDArray x = train.x();
        Autoencoder byHand = Autoencoder.dense(784, 128, 32);
        double[] handLosses = handWrittenLoop(byHand, x, 2);

        Autoencoder byDefault = Autoencoder.dense(784, 128, 32), plain = Autoencoder.dense(784, 128, 32);
        double[] defaultLosses = Trainer.defaults().epochs(2).quiet().fit(byDefault, x).trainLosses();
        double[] plainLosses = Trainer.defaults().logitsShortcut(false).splitBatches(false).epochs(2).quiet().fit(plain, x).trainLosses();
        for (int e = 0; e < 2; e++) {
            assertEquals(handLosses[e], defaultLosses[e], 1e-3 * handLosses[e], "epoch " + (e + 1) + " on the default settings");
            assertEquals(handLosses[e], plainLosses[e], 0.0, "epoch " + (e + 1) + " without the refinements");
        }
        for (int i = 0; i < byHand.params().size(); i++) {
            INDArray hand = byHand.params().get(i).value;
            double scale = hand.amaxNumber().doubleValue(), apart = hand.sub(byDefault.params().get(i).value).amaxNumber().doubleValue();
            assertTrue(apart < 1e-5 * scale, byHand.params().get(i).name + ": the default Trainer's weights differ by " + apart + " of " + scale);
            assertEquals(hand, plain.params().get(i).value, byHand.params().get(i).name + " without the refinements");
        }
    }

    /** Notebook 06, section 1: shuffle, mini-batch, forward pass, loss, backpropagation, one Adam step. */
    private static double[] handWrittenLoop(Autoencoder model, INDArray x, int epochs) {
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        Adam optimizer = new Adam(1e-3);
        int batchSize = 256, n = x.rows();
        java.util.Random shuffler = new java.util.Random(aekit.Kit.SEED);
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        double[] losses = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {                    // Fisher–Yates
                int j = shuffler.nextInt(i + 1), swap = order[i]; order[i] = order[j]; order[j] = swap;
            }
            double sum = 0;
            for (int from = 0; from < n; from += batchSize) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                INDArray xB = Nd4j.pullRows(x, 1, rows);
                for (aekit.layers.Param p : model.params()) p.zeroGrad();
                INDArray xHat = model.forward(xB, true);
                double batchLoss = bce.value(xHat, xB);
                model.backward(bce.gradient(xHat, xB));
                optimizer.step(model.params());
                sum += batchLoss * rows.length;
            }
            losses[epoch] = sum / n;
        }
        return losses;
    }

    @Test
    void lossFallsOnMnist() {
        Autoencoder ae = Autoencoder.builder(784, 128, 32).codeActivation(new aekit.activations.Identity()).build();
        History h = Trainer.defaults().epochs(15).quiet().validation(test.x()).fit(ae, train.x());
        assertTrue(h.finalTrainLoss() < h.epochs().get(0).trainLoss(), h.toString());
        // predicting every pixel's mean gives a BCE of about 0.26 on MNIST; learning must beat that
        assertTrue(h.finalValidationLoss() < 0.22, "validation BCE after 15 epochs on 2,000 digits: " + h);
    }

    @Test
    void sameSeedSameHistoryBitForBit() {
        double[] first = Trainer.defaults().epochs(2).quiet().validation(test.x()).fit(Autoencoder.dense(784, 32, 8), train.x()).trainLosses();
        double[] second = Trainer.defaults().epochs(2).quiet().validation(test.x()).fit(Autoencoder.dense(784, 32, 8), train.x()).trainLosses();
        assertArrayEquals(first, second);
    }

    @Test
    void nanLossStopsTrainingAndExplains() {
        INDArray unscaled = train.x().mul(255);
        Trainer trainer = new Trainer(new MeanSquaredError(), new SGD(50.0)).epochs(3).quiet();
        var e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(Autoencoder.builder(784, 16)
                .codeActivation(new aekit.activations.Identity()).outputActivation(new aekit.activations.Identity()).build(), unscaled));
        assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        assertTrue(e.getMessage().contains("not scaled"), e.getMessage());
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Autoencoder ae = Autoencoder.dense(784, 64, 16);
        // a large learning rate makes the validation loss bounce, so patience 1 stops early
        History h = new Trainer(new BinaryCrossEntropy(), new Adam(0.1)).epochs(30).earlyStopping(1).quiet()
                .validation(test.x()).fit(ae, train.slice(0, 500).x());
        assertTrue(h.stoppedEarly(), h.toString());
        double best = java.util.Arrays.stream(h.validationLosses()).min().orElseThrow();
        assertEquals(best, h.validationLosses()[h.bestEpoch() - 1]);
        assertEquals(best, new Trainer(new BinaryCrossEntropy(), new Adam()).evaluate(ae, test.x(), test.x()), 1e-6);
    }

    @Test
    void earlyStoppingIgnoresImprovementsSmallerThanMinDelta() {
        // every epoch improves a little, so patience alone never stops; a min-delta larger than any step does
        Trainer trainer = Trainer.defaults().epochs(10).earlyStopping(2, 1.0).quiet().validation(test.x());
        History h = trainer.fit(Autoencoder.dense(784, 32), train.slice(0, 500).x());
        assertTrue(h.stoppedEarly(), h.toString());
        assertEquals(1, h.bestEpoch());
        assertEquals(3, h.epochs().size());
        assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().earlyStopping(2, -0.1));
    }

    @Test
    void denoisingAndWeightDecayTrain() {
        Autoencoder ae = Autoencoder.dense(784, 32);
        History h = Trainer.defaults().epochs(2).quiet().corruptInputs(Noise.gaussian(0.3)).weightPenalty(new L2WeightDecay(1e-4)).fit(ae, train.x());
        assertTrue(h.finalTrainLoss() < h.epochs().get(0).trainLoss() + 1e-9 || h.epochs().size() == 2);
        assertTrue(Double.isFinite(h.finalTrainLoss()));
    }

    @Test
    void badInputsFailFastWithNames() {
        Autoencoder ae = Autoencoder.dense(784, 32);
        var wrongWidth = assertThrows(IllegalArgumentException.class, () -> ae.encode(Nd4j.rand(4, 28)));
        assertTrue(wrongWidth.getMessage().contains("encoder.dense1") && wrongWidth.getMessage().contains("784")
                && wrongWidth.getMessage().contains("28"), wrongWidth.getMessage());

        var badStack = assertThrows(IllegalArgumentException.class, () -> new aekit.layers.Sequential("encoder", 784,
                new aekit.layers.Dense(784, 64), new aekit.layers.Dense(32, 16)));
        assertTrue(badStack.getMessage().contains("encoder.dense2") && badStack.getMessage().contains("64")
                && badStack.getMessage().contains("32"), badStack.getMessage());

        var labels = assertThrows(IllegalArgumentException.class, () -> new Dataset("d", Nd4j.rand(5, 3), new int[4], new String[] {"a"}));
        assertTrue(labels.getMessage().contains("5 samples") && labels.getMessage().contains("4 labels"), labels.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().batchSize(-3));
        assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().epochs(0));

        var empty = assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().quiet().fit(ae, Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 784)));
        assertTrue(empty.getMessage().contains("non-empty"), empty.getMessage());

        INDArray withNaN = train.x().getRows(0, 1, 2).dup();
        withNaN.putScalar(1, 5, Double.NaN);
        var nan = assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().quiet().fit(ae, withNaN));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());

        var rows = assertThrows(IllegalArgumentException.class, () -> Trainer.defaults().quiet().fit(ae, train.x(), test.x()));
        assertTrue(rows.getMessage().contains("2000") && rows.getMessage().contains("1000"), rows.getMessage());

        var shapes = assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().value(Nd4j.rand(2, 3), Nd4j.rand(2, 4)));
        assertTrue(shapes.getMessage().contains("[2, 3]") && shapes.getMessage().contains("[2, 4]"), shapes.getMessage());
    }
}
