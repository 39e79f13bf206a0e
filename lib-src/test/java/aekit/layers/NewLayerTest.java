package aekit.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.activations.Activation;
import aekit.activations.Sigmoid;
import aekit.check.GradientCheck;
import aekit.check.SameDiffCheck;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.Loss;
import aekit.losses.MeanSquaredError;
import aekit.losses.WeightedLoss;
import aekit.losses.MeanAbsoluteError;
import aekit.model.Autoencoder;
import aekit.training.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A new layer has no hidden obligations (CONTRIBUTING.md): written with forward, backward, outputSize, describe and
 * params only, it trains and passes the finite-difference check; the two optional methods say so when they are missing
 * — no twin(): one line on standard error naming the layer, once, and the batches train in one piece; no sameDiff():
 * SameDiffCheck names the layer — and once written, the model splits its batches and agrees with SameDiff.
 */
class NewLayerTest {
    /** y = x ⊙ a, one learned scale per column: the smallest layer with a weight. */
    static class Scale extends Layer {
        final Param a;
        INDArray x;

        Scale(int width) {
            this(new Param("a", Nd4j.ones(aekit.Kit.DTYPE, 1, width), true));
        }

        Scale(Param a) {
            super("scale");
            this.a = a;
        }

        @Override
        public INDArray forward(INDArray x, boolean training) {
            this.x = x;
            return x.mulRowVector(a.value);                                  // y = x ⊙ a
        }

        @Override
        public INDArray backward(INDArray dy) {
            a.grad.addi(dy.mul(x).sum(true, 0));                             // da = Σ_rows dy ⊙ x
            return dy.mulRowVector(a.value);                                 // dx = dy ⊙ a
        }

        @Override
        public List<Param> params() {
            return List.of(a);
        }

        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }

        @Override
        public String describe() {
            return "Scale(" + a.size() + ")";
        }
    }

    /** The same layer with both optional methods written. */
    static final class ScaleWithBoth extends Scale {
        ScaleWithBoth(int width) {
            super(width);
        }

        private ScaleWithBoth(ScaleWithBoth original) {
            super(original.a.twin());                                        // the same weights, its own gradient
            rename(original.name());
        }

        @Override
        public Layer twin() {
            return new ScaleWithBoth(this);
        }

        @Override
        public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
            return x.mul(graph.weight(a));
        }
    }

    /** No twin either, a class of its own: the notice is once per layer class. */
    static final class ScaleWithoutTwin extends Scale {
        ScaleWithoutTwin(int width) {
            super(width);
        }
    }

    private static Autoencoder around(Layer middle) {
        return new Autoencoder(new Sequential("encoder", 12, new Dense(12, 6), middle, new ActivationLayer(new Sigmoid())),
                new Sequential("decoder", 6, new Dense(6, 12), new ActivationLayer(new Sigmoid())));
    }

    @Test
    void withoutTheOptionalMethodsItTrainsAndIsCheckedAndSaysWhatIsMissing() {
        INDArray x = Fixtures.unitInterval(128, 12, 1), few = Fixtures.unitInterval(8, 12, 4);
        Autoencoder model = around(new ScaleWithoutTwin(6));
        assertTrue(GradientCheck.check(model, new BinaryCrossEntropy(), few, few).passed(1e-6));

        String notice = standardError(() -> {
            assertNull(model.twin());
            Trainer.defaults().epochs(2).batchSize(128).quiet().fit(model, x);   // batches of 128 would be split: they are not
            assertNull(model.twin());
        });
        assertEquals(1, notice.lines().count(), "one line, once: " + notice);
        assertTrue(notice.contains("'encoder.scale1'") && notice.contains("Scale(6)") && notice.contains("twin()"), notice);

        UnsupportedOperationException noSameDiff = assertThrows(UnsupportedOperationException.class,
                () -> SameDiffCheck.check(model, new BinaryCrossEntropy(), x, x));
        assertTrue(noSameDiff.getMessage().contains("'encoder.scale1'") && noSameDiff.getMessage().contains("sameDiff"), noSameDiff.getMessage());
    }

    @Test
    void withThemItSplitsItsBatchesAndAgreesWithSameDiff() {
        INDArray x = Fixtures.unitInterval(16, 12, 2);
        Autoencoder model = around(new ScaleWithBoth(6));
        String notice = standardError(() -> assertNotNull(model.twin()));
        assertEquals("", notice);
        assertTrue(SameDiffCheck.check(model, new BinaryCrossEntropy(), x, x).passed(1e-8));
    }

    @Test
    void everyKitLayerActivationAndLossSaysItself() {
        String notice = standardError(() -> {                                // explicit nulls print nothing
            assertNull(new Dropout(0.5, 1).twin());
            assertNull(new Sampling(2, 1).twin());
            assertNull(new TiedDense(new Dense(4, 3)).twin());
            assertNull(Autoencoder.builder(6, 4, 2).dropout(0.2).build().twin());
        });
        assertEquals("", notice);
        Activation own = new Activation() {                                   // an activation without a SameDiff equivalent
            public INDArray forward(INDArray z, boolean inPlace) { return inPlace ? z : z.dup(); }
            public INDArray backward(INDArray y, INDArray dy) { return dy.dup(); }
            public String name() { return "mine"; }
        };
        INDArray x = Fixtures.unitInterval(8, 6, 3);
        Autoencoder withOwn = Autoencoder.builder(6, 4, 2).hiddenActivation(own).build();
        assertTrue(assertThrows(UnsupportedOperationException.class, () -> SameDiffCheck.check(withOwn, new MeanSquaredError(), x, x))
                .getMessage().contains("activation mine"));
        Loss weighted = new WeightedLoss(0.3, new MeanSquaredError(), new MeanAbsoluteError());
        assertTrue(SameDiffCheck.check(Autoencoder.dense(6, 4, 2), weighted, x, x).passed(1e-8));
    }

    private static String standardError(Runnable work) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
