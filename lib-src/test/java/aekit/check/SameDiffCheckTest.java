package aekit.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.activations.LeakyReLU;
import aekit.activations.Tanh;
import aekit.check.GradientReport;
import aekit.check.SameDiffCheck;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.MeanAbsoluteError;
import aekit.losses.MeanSquaredError;
import aekit.model.Autoencoder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The whole model's hand-written gradients against ND4J's automatic differentiation, same weights, same batch. */
class SameDiffCheckTest {
    final INDArray x = Fixtures.unitInterval(16, 20, 3);

    private static void assertAgrees(GradientReport report) {
        assertTrue(report.passed(1e-8), report.toString());
    }

    @Test
    void seedKerasArchitectureWithBce() {
        assertAgrees(SameDiffCheck.check(Autoencoder.dense(20, 12, 8, 4), new BinaryCrossEntropy(), x, x));
    }

    @Test
    void otherActivationsAndLosses() {
        Autoencoder ae = Autoencoder.builder(20, 10, 5).hiddenActivation(new LeakyReLU(0.2)).codeActivation(new Tanh()).build();
        assertAgrees(SameDiffCheck.check(ae, new MeanSquaredError(), x, x));
        assertAgrees(SameDiffCheck.check(ae, new MeanAbsoluteError(), x, x));
    }

    @Test
    void tiedWeights() {
        assertAgrees(SameDiffCheck.check(Autoencoder.builder(20, 10, 5).tiedWeights().build(), new BinaryCrossEntropy(), x, x));
    }
}
