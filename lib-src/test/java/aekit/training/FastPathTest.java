package aekit.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.activations.Sigmoid;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.losses.BinaryCrossEntropy;
import aekit.layers.Param;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.training.ParameterVector;
import aekit.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainer's speed-ups (flat parameters, skipped input gradient, 1ᵀ·dy bias sums, the sigmoid + BCE shortcut at the
 * logits) leave the numbers as they were.
 */
class FastPathTest {
    @Test
    void parametersBecomeViewsOfOneVectorAndKeepTheirValues() {
        Autoencoder model = Autoencoder.dense(12, 6, 3);
        List<INDArray> before = new ArrayList<>();
        for (Param p : model.params()) before.add(p.value.dup());
        ParameterVector flat = ParameterVector.of(model.params());

        long total = model.params().stream().mapToLong(Param::size).sum();
        assertEquals(total, flat.all.value.length());
        for (int i = 0; i < before.size(); i++) assertEquals(before.get(i), model.params().get(i).value);
        flat.all.value.addi(1);                                    // a write through θ reaches every layer
        assertEquals(before.get(0).add(1), model.params().get(0).value);
        assertTrue(flat.holds(model.params()));
        model.castTo(DataType.DOUBLE);                             // casting moves the parameters out
        assertFalse(flat.holds(model.params()));
    }

    @Test
    void adamOnTheFlatVectorEqualsAdamPerParameter() {
        INDArray x = Fixtures.unitInterval(64, 12, 3);
        Autoencoder byTrainer = Autoencoder.dense(12, 6, 3), byHand = Autoencoder.dense(12, 6, 3);
        new Trainer(new aekit.losses.BinaryCrossEntropy(), new Adam(1e-2)).epochs(1).batchSize(64).quiet().fit(byTrainer, x);

        Adam adam = new Adam(1e-2);                                // the same single step, parameter by parameter
        aekit.losses.BinaryCrossEntropy bce = new aekit.losses.BinaryCrossEntropy();
        for (Param p : byHand.params()) p.zeroGrad();
        INDArray prediction = byHand.forward(x, true);
        byHand.backward(bce.gradient(prediction, x));
        adam.step(byHand.params());

        for (int i = 0; i < byHand.params().size(); i++) {
            double diff = byHand.params().get(i).value.sub(byTrainer.params().get(i).value).amaxNumber().doubleValue();
            assertTrue(diff < 1e-6, byHand.params().get(i).name + " differs by " + diff);
        }
    }

    @Test
    void startingAtTheLogitsGivesTheChainRulesGradients() {
        INDArray x = Fixtures.unitInterval(9, 12, 5).castTo(DataType.DOUBLE);
        Autoencoder chain = Autoencoder.dense(12, 6, 3), shortcut = Autoencoder.dense(12, 6, 3);
        chain.castTo(DataType.DOUBLE);
        shortcut.castTo(DataType.DOUBLE);
        BinaryCrossEntropy bce = new BinaryCrossEntropy();

        INDArray p1 = chain.forward(x, true);                       // dL/dx̂, then back through σ and everything else
        double chainValue = bce.value(p1, x);
        chain.backward(bce.gradient(p1, x));
        INDArray p2 = shortcut.forward(x, true);                    // dL/dz = (x̂ − x)/ND, from below σ
        ActivationLayer sigmoid = (ActivationLayer) shortcut.lastLayer();
        double shortcutValue = bce.valueFromLogits(sigmoid.logits(), p2, x);
        shortcut.backwardFromLogits(bce.gradientWrtLogits(p2, x), true);

        assertEquals(chainValue, shortcutValue, 1e-12);
        for (int i = 0; i < chain.params().size(); i++) {
            INDArray a = chain.params().get(i).grad, b = shortcut.params().get(i).grad;
            double scale = a.amaxNumber().doubleValue();
            assertTrue(scale > 0 && a.sub(b).amaxNumber().doubleValue() < 1e-10 * scale, chain.params().get(i).name);
        }
    }

    @Test
    void theLogitsFormIsExactWhereClippingIsNot() {
        INDArray z = Nd4j.createFromArray(new double[][] {{-100, -100, 0, 30, -30}});
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 0, 0.5, 1, 0}});
        INDArray p = new Sigmoid().forward(z, false);               // σ(−100) underflows to exactly 0 in float32
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        // Σ softplus(z) − x·z, worked by hand: 100 + 0 + log 2 + 0 + 0 (to 1e-13)
        double exact = (100 + Math.log(2)) / 5;
        assertEquals(exact, bce.valueFromLogits(z, p, x), 1e-12);
        INDArray zf = z.castTo(DataType.FLOAT), xf = x.castTo(DataType.FLOAT);
        assertEquals(exact, bce.valueFromLogits(zf, new Sigmoid().forward(zf, false), xf), 1e-5, "falls back when log x̂ = −∞");
        assertEquals((-Math.log(BinaryCrossEntropy.EPSILON) + Math.log(2)) / 5, bce.value(p, x), 1e-6, "the clipped form caps −log x̂ at 16.1");
    }

    @Test
    void theTrainerTakesTheShortcutOnlyForSigmoidAndBce() {
        INDArray x = Fixtures.unitInterval(64, 12, 3);
        Autoencoder sigmoidOut = Autoencoder.dense(12, 6, 3);
        Autoencoder identityOut = Autoencoder.builder(12, 6, 3).outputActivation(new aekit.activations.Identity()).build();
        Trainer bce = new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).epochs(2).batchSize(16).quiet();
        Trainer mse = new Trainer(new aekit.losses.MeanSquaredError(), new Adam(1e-2)).epochs(2).batchSize(16).quiet();
        // Each history's training loss is the loss the trainer computed, and each model still evaluates to it.
        for (Object[] run : new Object[][] {{bce, sigmoidOut}, {mse, sigmoidOut}, {mse, identityOut}}) {
            Trainer t = (Trainer) run[0];
            Autoencoder m = (Autoencoder) run[1];
            double evaluated = t.evaluate(m, x, x);
            double direct = t.loss().value(m.reconstruct(x), x);
            assertEquals(direct, evaluated, 1e-5 * direct, t.loss().name());
            assertTrue(t.fit(m, x).last().trainLoss() < evaluated, "training lowers the loss");
        }
        assertThrows(UnsupportedOperationException.class, () -> new Dense(3, 2).backwardFromLogits(Nd4j.ones(1, 2), true));

        // Without the shortcut, the trainer is the hand-written loop of the chain rule (its one batch is the 64 rows
        // shuffled, so sums run in another order: equal to float rounding).
        Autoencoder byTrainer = Autoencoder.dense(12, 6, 3), byHand = Autoencoder.dense(12, 6, 3);
        double trainerLoss = new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).logitsShortcut(false).epochs(1).batchSize(64)
                .quiet().fit(byTrainer, x).last().trainLoss();
        BinaryCrossEntropy loss = new BinaryCrossEntropy();
        INDArray prediction = byHand.forward(x, true);
        double handLoss = loss.value(prediction, x);
        byHand.backward(loss.gradient(prediction, x));
        new Adam(1e-2).step(byHand.params());
        assertEquals(handLoss, trainerLoss, 1e-6);
        for (int i = 0; i < byHand.params().size(); i++) {
            assertTrue(byHand.params().get(i).value.sub(byTrainer.params().get(i).value).amaxNumber().doubleValue() < 1e-6);
        }
    }

    @Test
    void skippingTheInputGradientLeavesTheWeightGradientsAlone() {
        Dense a = new Dense(5, 4), b = new Dense(5, 4);
        INDArray x = Fixtures.unitInterval(7, 5, 1), dy = Fixtures.unitInterval(7, 4, 2);
        a.forward(x, true);
        b.forward(x, true);
        INDArray dx = a.backward(dy);
        assertNull(b.backward(dy, false));
        assertEquals(a.W.grad, b.W.grad);
        assertEquals(a.b.grad, b.b.grad);
        assertEquals(7, dx.rows());
        // db = 1ᵀ·dy is the column sum of dy
        assertTrue(a.b.grad.sub(dy.sum(true, 0)).amaxNumber().doubleValue() < 1e-6);
    }
}
