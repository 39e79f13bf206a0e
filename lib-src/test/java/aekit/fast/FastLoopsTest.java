package aekit.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.data.KitData;
import aekit.losses.BinaryCrossEntropy;
import aekit.model.Autoencoder;
import aekit.fast.OffHeap;
import aekit.fast.Simd;
import aekit.training.Trainer;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fast paths of {@code aekit.fast} give ND4J's numbers: BLAS called directly equals {@code Nd4j.gemm}; the vectorised
 * sigmoid and loss equal ND4J's to float precision; the plain-Java batch gather equals {@code pullRows}.
 */
class FastLoopsTest {
    @AfterEach
    void backOn() {
        Simd.use(true);
    }

    @Test
    void inUseWhereTheJdkShipsItsVectorMath() {
        // The kit's JVMs (kernel, tests, benchmark) add the module; on x86-64 Linux and Windows the JDK has SVML.
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT), arch = System.getProperty("os.arch");
        if ((arch.equals("amd64") || arch.equals("x86_64")) && (os.contains("linux") || os.contains("windows"))) {
            assertTrue(Simd.inUse(), Simd.describe());
        }
        assertFalse(Simd.use(false));
        assertTrue(Simd.describe().startsWith("off"), Simd.describe());
        assertFalse(Simd.handles(Nd4j.zeros(DataType.FLOAT, 2, 3)));
    }

    @Test
    void sigmoidMatchesNd4j() {
        // 1,003 numbers: not a multiple of the register width, so the one-at-a-time tail runs too
        INDArray z = logits(17, 59, 1).putScalar(0, -100).putScalar(1, 100).putScalar(2, 0);
        INDArray expected = Transforms.sigmoid(z, true);
        INDArray actual = new aekit.activations.Sigmoid().forward(z, false);
        assertTrue(Simd.handles(z), Simd.describe());
        assertEquals(0, actual.getFloat(0), 1e-40);                       // σ(−100) underflows to 0 in float32, as in ND4J
        assertEquals(1, actual.getFloat(1));
        assertEquals(0.5, actual.getFloat(2));
        INDArray diff = Transforms.abs(actual.sub(expected), false);
        assertTrue(diff.maxNumber().doubleValue() <= 2e-7, "largest difference " + diff.maxNumber());
        // small values agree relatively, not just absolutely
        INDArray relative = diff.div(expected.add(1e-38));
        assertTrue(relative.maxNumber().doubleValue() <= 1e-5, "largest relative difference " + relative.maxNumber());
        assertEquals(z.dup(), logits(17, 59, 1).putScalar(0, -100).putScalar(1, 100).putScalar(2, 0));   // z untouched
    }

    @Test
    void reluBackwardMatchesNd4j() {
        INDArray y = Transforms.relu(logits(33, 31, 15), true).putScalar(0, 0), dy = logits(33, 31, 16);   // 1,023 numbers
        INDArray vectorised = new aekit.activations.ReLU().backward(y, dy);
        assertTrue(Simd.handles(y, dy), Simd.describe());
        assertEquals(Transforms.step(y, true).muli(dy), vectorised);
        assertEquals(0, vectorised.getFloat(0));                                  // y = 0 exactly: no gradient
    }

    @Test
    void lossFromLogitsMatchesNd4j() {
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        INDArray z = logits(256, 784, 2), x = Fixtures.unitInterval(256, 784, 3);
        INDArray p = Transforms.sigmoid(z, true);
        double vectorised = bce.valueFromLogits(z, p, x);
        Simd.use(false);
        double byNd4j = bce.valueFromLogits(z, p, x);
        // the same sum of the same float32 numbers, added up in double
        float[] zs = z.data().asFloat(), ps = p.data().asFloat(), xs = x.data().asFloat();
        double sum = 0;
        for (int i = 0; i < zs.length; i++) sum += (1.0 - xs[i]) * zs[i] - Math.log(ps[i]);
        double inDouble = sum / zs.length;
        assertEquals(inDouble, vectorised, 1e-6 * inDouble, "vectorised");
        assertEquals(inDouble, byNd4j, 1e-5 * inDouble, "ND4J (BLAS sums in float)");
        INDArray gradientByNd4j = bce.gradientWrtLogits(p, x);
        Simd.use(true);
        INDArray gradient = bce.gradientWrtLogits(p, x);
        assertTrue(Transforms.abs(gradient.sub(gradientByNd4j), false).maxNumber().doubleValue() <= 1e-12, "gradient at the logits");
    }

    @Test
    void adamInPlaceAndVectorisedTakesTheReferenceSteps() {
        Random random = new Random(3);
        float[] start = new float[1003];                                           // not a multiple of the lanes: the tail too
        for (int i = 0; i < start.length; i++) start[i] = (float) random.nextGaussian();
        aekit.layers.Param plain = new aekit.layers.Param("θ", Nd4j.createFromArray(new float[][] {start}), true);
        aekit.layers.Param fast = new aekit.layers.Param("θ", plain.value.dup(), true);
        aekit.optimizers.Adam plainAdam = new aekit.optimizers.Adam(0.01), fastAdam = new aekit.optimizers.Adam(0.01);
        for (int step = 0; step < 10; step++) {
            INDArray g = Fixtures.unitInterval(1, 1003, 20 + step).subi(0.5), g2 = Fixtures.unitInterval(1, 1003, 40 + step).subi(0.5);
            plain.grad.assign(g);
            fast.grad.assign(g);
            boolean inTwoParts = step % 2 == 0;                                    // both ways of stepping, in turn
            Simd.use(false);
            if (inTwoParts) plainAdam.step(plain, g2); else plainAdam.step(java.util.List.of(plain));   // Adam's array operations
            Simd.use(true);
            if (inTwoParts) fastAdam.step(fast, g2); else fastAdam.step(java.util.List.of(fast));       // aekit.fast, in place
            assertEquals(plain.grad, fast.grad, "g + g₂");
            assertArrayEquals(plain.value.data().asFloat(), fast.value.data().asFloat(), "step " + step + ": the same weights, bit for bit");
        }
    }

    @Test
    void lossAndGradientInOnePassEqualTheTwoPasses() {
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        INDArray z = logits(128, 784, 4), x = Fixtures.unitInterval(128, 784, 5);
        INDArray p = Transforms.sigmoid(z, true);
        for (double share : new double[] {1.0, 0.5}) {
            INDArray gradient = Nd4j.createUninitialized(DataType.FLOAT, 128, 784);
            double value = bce.valueAndGradientFromLogits(z, p, x, share, gradient);
            assertEquals(bce.valueFromLogits(z, p, x), value, 0.0, "the same sum, bit for bit");
            assertEquals(bce.gradientWrtLogits(p, x, share, Nd4j.createUninitialized(DataType.FLOAT, 128, 784)), gradient);
        }
        // a saturated output (log x̂ = −∞ in the vector pass) takes the exact path, as valueFromLogits does
        INDArray zs = Nd4j.createFromArray(new float[][] {{-100f, 3f, 0.5f}}), xs = Nd4j.createFromArray(new float[][] {{0.2f, 1f, 0f}});
        INDArray ps = new aekit.activations.Sigmoid().forward(zs, false), gs = Nd4j.createUninitialized(DataType.FLOAT, 1, 3);
        assertEquals(bce.valueFromLogits(zs, ps, xs), bce.valueAndGradientFromLogits(zs, ps, xs, 1.0, gs), 0.0);
        assertEquals(bce.gradientWrtLogits(ps, xs), gs);
    }

    @Test
    void saturatedOutputsFallBackToTheStableForm() {
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        INDArray z = Nd4j.createFromArray(new float[][] {{-100f, 3f, 0.5f}});
        INDArray x = Nd4j.createFromArray(new float[][] {{0.2f, 1f, 0f}});
        INDArray p = new aekit.activations.Sigmoid().forward(z, false);   // p₀ = 0: log p₀ = −∞ in the vector pass
        double value = bce.valueFromLogits(z, p, x);
        // by hand: max(z,0) − x·z + log(1 + e^(−|z|)) per element, then the mean
        double expected = (0 + 20 + Math.log1p(Math.exp(-100)) + 3 - 3 + Math.log1p(Math.exp(-3)) + 0.5 + Math.log1p(Math.exp(-0.5))) / 3;
        assertEquals(expected, value, 1e-6);
    }

    @Test
    void trainingGivesTheSameLossesEitherWay() {
        INDArray x = KitData.mnist().slice(0, 1000).x();
        double[] vectorised = Trainer.defaults().epochs(3).quiet().fit(Autoencoder.dense(784, 64, 16), x).trainLosses();
        Simd.use(false);
        double[] byNd4j = Trainer.defaults().epochs(3).quiet().fit(Autoencoder.dense(784, 64, 16), x).trainLosses();
        for (int e = 0; e < 3; e++) assertEquals(byNd4j[e], vectorised[e], 1e-4 * byNd4j[e], "epoch " + (e + 1));
    }

    @Test
    void gatheringRowsEqualsPullRows() {
        INDArray data = logits(50, 7, 4);
        int[] rows = {49, 0, 3, 3, 17};
        assertEquals(Nd4j.pullRows(data, 1, rows), OffHeap.gatherRows(data, rows));
        INDArray view = data.get(NDArrayIndex.interval(10, 20), NDArrayIndex.interval(1, 5));   // not contiguous: ND4J's way
        assertEquals(Nd4j.pullRows(view, 1, new int[] {2, 9}), OffHeap.gatherRows(view, new int[] {2, 9}));
        var e = assertThrows(IndexOutOfBoundsException.class, () -> OffHeap.gatherRows(data, new int[] {50}));
        assertTrue(e.getMessage().contains("50 rows"), e.getMessage());
        float[] copied = new float[7];
        OffHeap.floats(OffHeap.gatherRows(data, new int[] {49})).get(copied);
        assertArrayEquals(data.getRow(49).toFloatVector(), copied);
    }

    @Test
    void blasDirectEqualsNd4jGemm() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            // row slices of bigger matrices: their numbers start part-way into the buffer
            INDArray a = logits(40, 7, 5).castTo(type).get(NDArrayIndex.interval(3, 33), NDArrayIndex.all());   // [30, 7]
            INDArray b = logits(9, 7, 6).castTo(type);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray left = ta ? a.transpose().dup() : a, right = tb ? b : b.transpose().dup();   // op(left)·op(right): [30, 9]
                    INDArray c0 = logits(30, 9, 7).castTo(type), c1 = c0.dup();
                    Nd4j.gemm(left, right, c0, ta, tb, 0.5, 2.0);
                    aekit.fast.Blas.gemm(left, right, c1, ta, tb, 0.5, 2.0);
                    INDArray diff = Transforms.abs(c0.sub(c1), false);
                    assertTrue(diff.maxNumber().doubleValue() <= (type == DataType.FLOAT ? 1e-4 : 1e-12), type + " ta=" + ta + " tb=" + tb + ": " + diff.maxNumber());
                }
            }
        }
        INDArray big = Nd4j.zeros(DataType.FLOAT, 50, 9), into = big.get(NDArrayIndex.interval(10, 40), NDArrayIndex.all());
        INDArray a = logits(30, 7, 8), b = logits(7, 9, 9);
        aekit.fast.Blas.gemm(a, b, into, false, false, 1, 0);                  // the output a view too
        assertEquals(a.mmul(b), big.get(NDArrayIndex.interval(10, 40), NDArrayIndex.all()));
        assertEquals(0, big.get(NDArrayIndex.interval(0, 10), NDArrayIndex.all()).sumNumber().doubleValue());
        var e = assertThrows(IllegalArgumentException.class,
                () -> aekit.fast.Blas.gemm(Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(DataType.FLOAT, 4, 2), Nd4j.zeros(DataType.FLOAT, 4, 2), false, false, 1, 0));
        assertTrue(e.getMessage().contains("[4, 3] · [4, 2]"), e.getMessage());
    }

    @Test
    void blasVectorRoutinesEqualNd4j() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray dy = logits(30, 9, 10).castTo(type), ones = Nd4j.ones(type, 1, 30), b = logits(1, 9, 11).castTo(type);
            INDArray sums = logits(1, 9, 12).castTo(type), expectedSums = sums.add(dy.sum(true, 0));
            aekit.fast.Blas.gemv(dy, true, ones, sums, 1, 1);                     // db += dyᵀ·1
            assertTrue(Transforms.abs(sums.sub(expectedSums), false).maxNumber().doubleValue() < 1e-4, type + " gemv");
            INDArray y = dy.dup(), expectedY = dy.addRowVector(b);
            aekit.fast.Blas.ger(ones, b, y, 1);                                   // y += 1·b
            assertTrue(Transforms.abs(y.sub(expectedY), false).maxNumber().doubleValue() < 1e-5, type + " ger");
            INDArray product = logits(1, 30, 14).castTo(type);
            INDArray expectedProduct = product.mul(0.5).add(dy.mmul(b.transpose()).transpose().mul(2));
            aekit.fast.Blas.gemv(dy, false, b, product, 2, 0.5);                  // not transposed: dy·b, 30 numbers
            assertTrue(Transforms.abs(product.sub(expectedProduct), false).maxNumber().doubleValue() < 1e-3, type + " gemv, no transpose");
        }
        // a transposed view is not one run of numbers: ND4J's way, with BLAS's rule that β = 0 ignores c's old numbers
        INDArray m = logits(7, 5, 17), v = logits(1, 7, 18), out = Nd4j.valueArrayOf(new long[] {1, 5}, Float.NaN, DataType.FLOAT);
        aekit.fast.Blas.gemv(m.transpose(), false, v, out, 1, 0);
        assertTrue(Transforms.abs(out.sub(v.mmul(m)), false).maxNumber().doubleValue() < 1e-4, "gemv on a view: " + out);
        var e = assertThrows(IllegalArgumentException.class,
                () -> aekit.fast.Blas.ger(Nd4j.ones(DataType.FLOAT, 1, 5), Nd4j.ones(DataType.FLOAT, 1, 3), Nd4j.zeros(DataType.FLOAT, 4, 3), 1));
        assertTrue(e.getMessage().contains("5 and 3") && e.getMessage().contains("[4, 3]"), e.getMessage());
    }

    /** Logits spread over [−30, 30]: saturated and unsaturated outputs alike. */
    private static INDArray logits(int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (60 * r.nextDouble() - 30);
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }
}
