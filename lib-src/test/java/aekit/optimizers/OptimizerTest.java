package aekit.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.layers.Param;
import aekit.optimizers.Adam;
import aekit.optimizers.Optimizer;
import aekit.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Each update rule against the formula worked by hand on one weight. */
class OptimizerTest {
    private static Param weight(double w, double g) {
        Param p = new Param("w", Nd4j.scalar(DataType.DOUBLE, w).reshape(1, 1), true);
        p.grad.assign(g);
        return p;
    }

    @Test
    void plainSgd() {
        Param p = weight(1.0, 0.5);
        new SGD(0.1).step(List.of(p));
        assertEquals(1.0 - 0.1 * 0.5, p.value.getDouble(0), 1e-12);
    }

    @Test
    void momentumAccumulatesVelocity() {
        Param p = weight(1.0, 0.5);
        SGD sgd = new SGD(0.1, 0.9);
        sgd.step(List.of(p));                       // v = −0.05, w = 0.95
        sgd.step(List.of(p));                       // v = 0.9·(−0.05) − 0.05 = −0.095, w = 0.855
        assertEquals(0.855, p.value.getDouble(0), 1e-12);
    }

    @Test
    void nesterovLooksAhead() {
        Param p = weight(1.0, 0.5);
        new SGD(0.1, 0.9, true).step(List.of(p));   // v = −0.05; w = 1 + 0.9·(−0.05) − 0.05 = 0.905
        assertEquals(0.905, p.value.getDouble(0), 1e-12);
    }

    @Test
    void adamFirstStepIsLearningRateTimesSign() {
        Param p = weight(1.0, 0.5);
        new Adam(0.01).step(List.of(p));            // m̂ = g, v̂ = g² ⇒ step ≈ η·g/|g|
        assertEquals(1.0 - 0.01, p.value.getDouble(0), 1e-6);
    }

    @Test
    void adamSecondStepMatchesTheFormula() {
        Param p = weight(1.0, 0.5);
        Adam adam = new Adam(0.01, 0.9, 0.999, 1e-7);
        adam.step(List.of(p));
        p.grad.assign(-0.2);
        adam.step(List.of(p));
        double m1 = 0.1 * 0.5, v1 = 0.001 * 0.25;
        double m2 = 0.9 * m1 + 0.1 * -0.2, v2 = 0.999 * v1 + 0.001 * 0.04;
        double w1 = 1.0 - 0.01 * Math.sqrt(1 - 0.999) / (1 - 0.9) * m1 / (Math.sqrt(v1) + 1e-7);
        double w2 = w1 - 0.01 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m2 / (Math.sqrt(v2) + 1e-7);
        assertEquals(w2, p.value.getDouble(0), 1e-12);
    }

    @Test
    void adamInFloat32TakesTheSameSteps() {
        Param f = new Param("w", Nd4j.createFromArray(new float[][] {{1.0f, -2.0f, 0.5f}}), true);
        Param d = new Param("w", f.value.castTo(DataType.DOUBLE), true);
        Adam adamF = new Adam(0.01), adamD = new Adam(0.01);
        for (double g : new double[] {0.5, -0.2, 0.3}) {
            f.grad.assign(g);
            d.grad.assign(g);
            adamF.step(List.of(f));                  // the float32 loop
            adamD.step(List.of(d));                  // the float64 loop
        }
        assertTrue(f.value.castTo(DataType.DOUBLE).sub(d.value).amaxNumber().doubleValue() < 1e-6);
    }

    @Test
    void adamStepsAParameterThatIsASliceOfALargerVector() {
        var whole = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Param slice = new Param("w", whole.getRow(1), true);             // a view that starts at offset 3
        slice.grad.assign(1);
        new Adam(0.5).step(List.of(slice));                              // first step: w − η·sign(g)
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {3.5f, 4.5f, 5.5f}}), whole);
    }

    @Test
    void aGradientInTwoPartsTakesTheSameStepsAsItsSum() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (Optimizer[] pair : new Optimizer[][] {{new Adam(0.01), new Adam(0.01)}, {new SGD(0.1, 0.9), new SGD(0.1, 0.9)}}) {
                var random = new java.util.Random(7);
                double[] start = random.doubles(1001, -1, 1).toArray();   // odd: the two cores get unequal halves
                Param added = new Param("θ", Nd4j.createFromArray(start).castTo(type).reshape(1, 1001), true);
                Param inParts = new Param("θ", added.value.dup(), true);
                for (int step = 0; step < 3; step++) {
                    var first = Nd4j.createFromArray(random.doubles(1001, -1, 1).toArray()).castTo(type).reshape(1, 1001);
                    var second = Nd4j.createFromArray(random.doubles(1001, -1, 1).toArray()).castTo(type).reshape(1, 1001);
                    added.grad.assign(first.add(second));
                    pair[0].step(List.of(added));                            // g₁ + g₂ first, then the step
                    inParts.grad.assign(first);
                    pair[1].step(inParts, second);                           // Adam: both, half of θ on each core
                    assertEquals(added.grad, inParts.grad, "θ's gradient holds the sum afterwards");
                    assertEquals(added.value, inParts.value, pair[0].describe() + " in " + type + ": the same weights, bit for bit");
                }
            }
        }
    }

    @Test
    void hyperparametersAreValidatedAtConstruction() {
        for (double lr : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new SGD(lr));
            assertTrue(e.getMessage().contains("learning rate") && e.getMessage().contains(String.valueOf(lr)), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Adam(lr));
        }
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 0.999, 0));
        Optimizer ok = new Adam();
        assertEquals(1e-3, ok.learningRate());
    }
}
