package aekit.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.activations.Activation;
import aekit.activations.Identity;
import aekit.activations.LeakyReLU;
import aekit.activations.ReLU;
import aekit.activations.Sigmoid;
import aekit.activations.Softmax;
import aekit.activations.Tanh;
import aekit.check.GradientCheck;
import aekit.check.GradientReport;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Dropout;
import aekit.layers.Init;
import aekit.layers.Sequential;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.CategoricalCrossEntropy;
import aekit.losses.Loss;
import aekit.losses.MeanAbsoluteError;
import aekit.losses.MeanSquaredError;
import aekit.losses.WeightedLoss;
import aekit.model.Autoencoder;
import aekit.regularizers.KLSparsity;
import aekit.regularizers.L1ActivitySparsity;
import aekit.regularizers.L1WeightPenalty;
import aekit.regularizers.L2WeightDecay;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every layer, activation, loss and regulariser against central finite differences: max relative error < 1e-6. */
class GradientCheckTest {
    static final double TOLERANCE = 1e-6;
    final INDArray x = Fixtures.unitInterval(5, 6, 1);

    static void assertPasses(GradientReport report) {
        assertTrue(report.passed(TOLERANCE), report.toString());
    }

    static Stream<Activation> activations() {
        return Stream.of(new Identity(), new ReLU(), new LeakyReLU(0.1), new Sigmoid(), new Tanh(), new Softmax());
    }

    @ParameterizedTest
    @MethodSource("activations")
    void everyActivationBackpropagatesCorrectly(Activation activation) {
        Sequential net = new Sequential("net", 6,
                new Dense(6, 4, Init.GLOROT_UNIFORM, 1), new ActivationLayer(activation),
                new Dense(4, 6, Init.GLOROT_UNIFORM, 2), new ActivationLayer(new Sigmoid()));
        assertPasses(GradientCheck.check(net, new MeanSquaredError(), x, x));
    }

    static Stream<Arguments> losses() {
        return Stream.of(Arguments.of(new MeanSquaredError()), Arguments.of(new MeanAbsoluteError()),
                Arguments.of(new BinaryCrossEntropy()), Arguments.of(new WeightedLoss(0.3, new MeanAbsoluteError(), new MeanSquaredError())));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void everyReconstructionLossHasTheRightGradient(Loss loss) {
        assertPasses(GradientCheck.check(Autoencoder.dense(6, 4, 3), loss, x, x));
    }

    @Test
    void categoricalCrossEntropyWithSoftmax() {
        Sequential classifier = new Sequential("classifier", 6, new Dense(6, 3, Init.GLOROT_UNIFORM, 3), new ActivationLayer(new Softmax()));
        INDArray oneHot = org.nd4j.linalg.factory.Nd4j.eye(3).getRows(0, 1, 2, 0, 1).castTo(x.dataType());
        assertPasses(GradientCheck.check(classifier, new CategoricalCrossEntropy(), x, oneHot));
    }

    @Test
    void deepAutoencoderAsAWhole() {
        Autoencoder ae = Autoencoder.builder(6, 5, 4, 2).codeActivation(new Identity()).hiddenActivation(new Tanh()).build();
        assertPasses(GradientCheck.check(ae, new BinaryCrossEntropy(), x, x));
    }

    @Test
    void tiedWeightsCollectBothGradients() {
        Autoencoder ae = Autoencoder.builder(6, 4, 3).tiedWeights().hiddenActivation(new Tanh()).codeActivation(new Tanh()).build();
        assertPasses(GradientCheck.check(ae, new MeanSquaredError(), x, x));
    }

    @Test
    void dropoutIsTheIdentityInInference() {
        Autoencoder ae = Autoencoder.builder(6, 5, 3).dropout(0.5).build();
        assertPasses(GradientCheck.check(ae, new MeanSquaredError(), x, x));
    }

    @Test
    void weightPenalties() {
        for (var penalty : List.of(new L2WeightDecay(0.01), new L1WeightPenalty(0.01))) {
            assertPasses(GradientCheck.check(Autoencoder.dense(6, 4, 3), new MeanSquaredError(), penalty, x, x, Integer.MAX_VALUE));
        }
    }

    @Test
    void codePenalties() {
        Autoencoder l1 = Autoencoder.builder(6, 4, 3).codeActivation(new Tanh()).codePenalty(new L1ActivitySparsity(0.01)).build();
        assertPasses(GradientCheck.check(l1, new MeanSquaredError(), x, x));
        Autoencoder kl = Autoencoder.builder(6, 4, 3).codeActivation(new Sigmoid()).codePenalty(new KLSparsity(0.1, 0.5)).build();
        assertPasses(GradientCheck.check(kl, new MeanSquaredError(), x, x));
    }

    @Test
    void sigmoidAndBinaryCrossEntropyCancelToPredictionMinusTarget() {
        INDArray z = Fixtures.unitInterval(5, 6, 11).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).subi(0.5).muli(8);
        INDArray target = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray p = new Sigmoid().forward(z, false);
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        INDArray chained = new Sigmoid().backward(p, bce.gradient(p, target));   // dL/dx̂ · σ'(z)
        INDArray direct = bce.gradientWrtLogits(p, target);                      // (x̂ − x)/ND
        double scale = direct.amaxNumber().doubleValue();
        assertTrue(chained.sub(direct).amaxNumber().doubleValue() < 1e-12 * scale, "σ' cancels BCE's denominator");
    }

    @Test
    void dropoutBackwardUsesTheSameMaskAsForward() {
        Dropout dropout = new Dropout(0.5, 7);
        INDArray y = dropout.forward(x, true);
        INDArray dy = Fixtures.unitInterval(5, 6, 9);
        org.junit.jupiter.api.Assertions.assertEquals(x.mul(dropout.lastMask()), y);
        org.junit.jupiter.api.Assertions.assertEquals(dy.mul(dropout.lastMask()), dropout.backward(dy));
        double kept = dropout.lastMask().gt(0).castTo(x.dataType()).meanNumber().doubleValue();
        assertTrue(kept > 0.2 && kept < 0.8, "about half the units are kept, got " + kept);
    }
}
