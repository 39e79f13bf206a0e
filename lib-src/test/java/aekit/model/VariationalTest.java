package aekit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.check.GradientCheck;
import aekit.check.SameDiffCheck;
import aekit.layers.Param;
import aekit.layers.Sampling;
import aekit.losses.BinaryCrossEntropy;
import aekit.model.VariationalAutoencoder;
import aekit.regularizers.GaussianKL;
import aekit.training.History;
import aekit.training.Trainer;
import aekit.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Chapter 16: the two heads, the reparameterisation and the KL term, each checked two independent ways. */
class VariationalTest {
    final INDArray x = Fixtures.unitInterval(5, 8, 3);

    static VariationalAutoencoder smallVae(double beta) {
        VariationalAutoencoder vae = VariationalAutoencoder.dense(8, 6, 3, beta, 11);
        vae.sampling.holdNoise(VariationalAutoencoder.standardNormal(5, 3, 12));   // ε fixed: a fixed function to differentiate
        return vae;
    }

    @Test
    void theWholeVaeWithItsKlTermPassesTheGradientCheck() {
        for (double beta : new double[] {1, 4}) {
            var report = GradientCheck.check(smallVae(beta), new BinaryCrossEntropy(), null, x, x, Integer.MAX_VALUE);
            assertTrue(report.passed(1e-6), report.toString());
        }
    }

    @Test
    void sameDiffAgreesOnTheVaeGradients() {
        var report = SameDiffCheck.check(smallVae(2), new BinaryCrossEntropy(), x, x);
        assertTrue(report.passed(1e-9), report.toString());
    }

    @Test
    void theKlTermHasItsClosedFormValues() {
        INDArray stats = Nd4j.create(new double[][] {{0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, Math.log(4), 0}});   // k = 2
        INDArray kl = GaussianKL.perImage(stats);
        assertEquals(0.0, kl.getDouble(0), 1e-12);                                  // μ = 0, σ = 1: the prior itself
        assertEquals(0.5, kl.getDouble(1), 1e-12);                                  // μ² / 2
        assertEquals(0.5 * (4 - Math.log(4) - 1), kl.getDouble(2), 1e-12);          // ½(σ² − log σ² − 1)
        assertEquals(2 * (0 + 0.5 + 0.5 * (3 - Math.log(4))) / 3, new GaussianKL(2).value(stats), 1e-12);
    }

    @Test
    void samplingWithoutHeldNoiseIsTheMeanInInferenceAndRandomInTraining() {
        Sampling sampling = new Sampling(2, 5);
        INDArray stats = Nd4j.create(new double[][] {{1, -1, 0, 0}});
        assertEquals(Nd4j.create(new double[][] {{1, -1}}), sampling.forward(stats, false));
        INDArray first = sampling.forward(stats, true), second = sampling.forward(stats, true);
        assertTrue(first.sub(second).amaxNumber().doubleValue() > 1e-3, "each training batch draws a fresh ε");
    }

    @Test
    void theLogitsShortcutGivesTheSameGradientsAsTheLongWay() {
        VariationalAutoencoder vae = smallVae(1);
        vae.castTo(DataType.DOUBLE);
        INDArray xd = x.castTo(DataType.DOUBLE);
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        List<INDArray> longWay = gradients(vae, () -> vae.backward(bce.gradient(vae.forward(xd, true), xd)));
        List<INDArray> shortcut = gradients(vae, () -> vae.backwardFromLogits(bce.gradientWrtLogits(vae.forward(xd, true), xd), true));
        for (int i = 0; i < longWay.size(); i++) {
            assertTrue(longWay.get(i).equalsWithEps(shortcut.get(i), 1e-9), vae.params().get(i).name);
        }
    }

    private static List<INDArray> gradients(VariationalAutoencoder vae, Runnable pass) {
        for (Param p : vae.params()) p.zeroGrad();
        pass.run();
        List<INDArray> out = new ArrayList<>();
        for (Param p : vae.params()) out.add(p.grad.dup());
        return out;
    }

    @Test
    void trainingLowersTheNegativeElboAndIsRepeatable() {
        INDArray data = Fixtures.unitInterval(400, 8, 4);
        VariationalAutoencoder a = VariationalAutoencoder.dense(8, 16, 2, 1, 7), b = VariationalAutoencoder.dense(8, 16, 2, 1, 7);
        double before = a.negativeElbo(data, 1);
        History ha = new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).epochs(20).batchSize(50).quiet().fit(a, data);
        History hb = new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).epochs(20).batchSize(50).quiet().fit(b, data);
        double after = a.negativeElbo(data, 1);
        assertTrue(after < before - 0.1, "negative ELBO " + before + " → " + after);
        assertEquals(ha.last().trainLoss(), hb.last().trainLoss(), 0.0, "same seeds, same run");
        assertEquals(after, a.negativeElbo(data, 1), 0.0, "the ELBO estimate is repeatable for a seed");
        assertEquals(null, a.sampling.heldNoise(), "negativeElbo releases the noise it held");
    }

    @Test
    void clearErrorsNameTheLayerAndTheShapes() {
        Sampling sampling = new Sampling(3);
        var wide = assertThrows(IllegalArgumentException.class, () -> sampling.forward(Nd4j.zeros(2, 5), true));
        assertTrue(wide.getMessage().contains("width 6") && wide.getMessage().contains("[2, 5]"), wide.getMessage());
        var noise = assertThrows(IllegalArgumentException.class, () -> sampling.holdNoise(Nd4j.zeros(2, 4)));
        assertTrue(noise.getMessage().contains("[rows, 3]"), noise.getMessage());
        sampling.holdNoise(Nd4j.zeros(2, 3));
        var rows = assertThrows(IllegalArgumentException.class, () -> sampling.forward(Nd4j.zeros(4, 6), true));
        assertTrue(rows.getMessage().contains("2 rows") && rows.getMessage().contains("4"), rows.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VariationalAutoencoder.dense(8, 6, 2, -1, 1));
    }
}
