package aekit.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.activations.ReLU;
import aekit.activations.Sigmoid;
import aekit.check.GradientCheck;
import aekit.check.GradientReport;
import aekit.check.SameDiffCheck;
import aekit.layers.ActivationLayer;
import aekit.layers.Conv2D;
import aekit.layers.ImageShape;
import aekit.layers.Init;
import aekit.layers.MaxPool2D;
import aekit.layers.Sequential;
import aekit.layers.Upsample2D;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.MeanSquaredError;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.training.History;
import aekit.training.Trainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The convolutional layers: known values, finite differences, SameDiff, and errors that name both shapes. */
class ConvolutionTest {
    static final double TOLERANCE = 1e-6;

    @Test
    void convolutionMatchesAHandComputedPatch() {
        // one 3×3 image, one 2×2 filter of ones, stride 1, no padding: each output is the sum of a 2×2 patch
        Conv2D conv = new Conv2D(new ImageShape(1, 3, 3), 1, 2, 1, 0, Init.GLOROT_UNIFORM, 1);
        conv.W.value.assign(1);
        conv.b.value.assign(0.5);
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9}}).castTo(conv.W.value.dataType());
        assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f}, conv.forward(x, false).toFloatVector(), 1e-6f);
        assertEquals(new ImageShape(1, 2, 2), conv.outputShape());
    }

    @Test
    void poolingAndUpsamplingMoveValuesAsDrawn() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 9, 9, 7, 0, 9, 2}});   // one 4×4 image
        MaxPool2D pool = new MaxPool2D(new ImageShape(1, 4, 4), 2);
        assertArrayEquals(new float[] {5, 8, 7, 9}, pool.forward(x, false).toFloatVector(), 0f);
        INDArray dx = pool.backward(Nd4j.createFromArray(new float[][] {{1, 2, 3, 4}}));
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 4, 0, 3, 0, 0, 0}, dx.toFloatVector(), 0f);   // ties: first in reading order
        Upsample2D up = new Upsample2D(new ImageShape(1, 2, 2), 2);
        INDArray y = up.forward(Nd4j.createFromArray(new float[][] {{1, 2, 3, 4}}), false);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.toFloatVector(), 0f);
        assertArrayEquals(new float[] {4, 4, 4, 4}, up.backward(Nd4j.ones(DataType.FLOAT, 1, 16)).toFloatVector(), 0f);
    }

    private static Sequential smallConvAutoencoder() {
        ImageShape img = new ImageShape(1, 6, 6);
        Conv2D c1 = Conv2D.same(img, 3, 3, 1);                                  // 1×6×6 → 3×6×6
        MaxPool2D p1 = new MaxPool2D(c1.outputShape(), 2);                       // → 3×3×3
        Conv2D c2 = new Conv2D(p1.outputShape(), 2, 2, 1, 0, Init.GLOROT_UNIFORM, 2);   // → 2×2×2, no padding
        Upsample2D u1 = new Upsample2D(c2.outputShape(), 3);                     // → 2×6×6
        Conv2D c3 = new Conv2D(u1.outputShape(), 1, 3, 2, 1, Init.GLOROT_UNIFORM, 3);   // stride 2 → 1×3×3
        Upsample2D u2 = new Upsample2D(c3.outputShape(), 2);                     // → 1×6×6
        return new Sequential("conv", 36, c1, new ActivationLayer(new ReLU()), p1, c2, new ActivationLayer(new ReLU()), u1, c3, u2, new ActivationLayer(new Sigmoid()));
    }

    @Test
    void everyConvolutionalPiecePassesTheGradientCheck() {
        Sequential model = smallConvAutoencoder();
        INDArray x = Fixtures.unitInterval(3, 36, 9);
        GradientReport report = GradientCheck.check(model, new BinaryCrossEntropy(), x, x);
        assertTrue(report.passed(TOLERANCE), report.toString());
        GradientReport mse = GradientCheck.check(model, new MeanSquaredError(), x, x);
        assertTrue(mse.passed(TOLERANCE), mse.toString());
    }

    @Test
    void aSmallConvolutionalAutoencoderAgreesWithSameDiff() {
        Sequential model = smallConvAutoencoder();
        INDArray x = Fixtures.unitInterval(4, 36, 10);
        GradientReport report = SameDiffCheck.check(model, new BinaryCrossEntropy(), x, x);
        assertTrue(report.passed(1e-8), report.toString());
    }

    @Test
    void aConvolutionalAutoencoderTrains() {
        Autoencoder ae = Fixtures.tinyConvolutionalAutoencoder(4);
        INDArray x = Fixtures.unitInterval(128, 36, 11);
        History h = new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).epochs(30).batchSize(32).quiet().fit(ae, x);
        assertTrue(h.trainLosses()[29] < h.trainLosses()[0] - 0.005, "loss " + h.trainLosses()[0] + " → " + h.trainLosses()[29]);
    }

    @Test
    void badShapesNameTheLayerAndBothShapes() {
        Conv2D conv = Conv2D.same(ImageShape.mnist(), 8, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Nd4j.zeros(2, 100), false));
        assertTrue(e.getMessage().contains("1×28×28") && e.getMessage().contains("784") && e.getMessage().contains("100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2D(new ImageShape(1, 5, 5), 2));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(new ImageShape(1, 2, 2), 1, 5, 1, 0, Init.GLOROT_UNIFORM, 1));
        assertThrows(IllegalArgumentException.class, () -> Conv2D.same(ImageShape.mnist(), 8, 4, 1));
    }

    @Test
    void theFloatFastPathEqualsTheReadableConvolution() {
        // 'same', no padding, stride 2 with padding, several channels: forward, dW, db and dx agree with the readable path
        int[][] configs = {{3, 7, 6, 4, 3, 1, 1}, {2, 9, 8, 3, 3, 1, 0}, {2, 8, 8, 5, 3, 2, 1}, {1, 5, 5, 2, 2, 1, 0}};
        for (int[] c : configs) {
            ImageShape shape = new ImageShape(c[0], c[1], c[2]);
            Conv2D fast = new Conv2D(shape, c[3], c[4], c[5], c[6], Init.GLOROT_UNIFORM, 5);
            Conv2D plain = new Conv2D(shape, c[3], c[4], c[5], c[6], Init.GLOROT_UNIFORM, 5).fastPath(false);
            fast.b.value.assign(Nd4j.rand(DataType.FLOAT, 1, c[3]));
            plain.b.value.assign(fast.b.value);
            INDArray x = Nd4j.rand(DataType.FLOAT, 3, shape.size());
            INDArray y = fast.forward(x, true);
            assertArrayEquals(plain.forward(x, true).ravel().toFloatVector(), y.ravel().toFloatVector(), 1e-5f, "forward " + fast.describe());
            INDArray dy = Nd4j.rand(DataType.FLOAT, y.shape());
            assertArrayEquals(plain.backward(dy).ravel().toFloatVector(), fast.backward(dy).ravel().toFloatVector(), 1e-5f, "dx " + fast.describe());
            assertArrayEquals(plain.W.grad.ravel().toFloatVector(), fast.W.grad.ravel().toFloatVector(), 1e-4f, "dW " + fast.describe());
            assertArrayEquals(plain.b.grad.ravel().toFloatVector(), fast.b.grad.ravel().toFloatVector(), 1e-4f, "db " + fast.describe());
        }
    }

    @Test
    void samePoolingCutsTheEdgeBlocksShort() {
        MaxPool2D pool = MaxPool2D.same(new ImageShape(1, 3, 3), 2);                       // 3×3 → 2×2, as Keras pools 7×7 to 4×4
        assertEquals(new ImageShape(1, 2, 2), pool.outputShape());
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 5, 2, 3, 4, 8, 9, 0, 7}});
        assertArrayEquals(new float[] {5, 8, 9, 7}, pool.forward(x, false).toFloatVector(), 0f);
        // 6×6 in blocks of 4: TensorFlow's rule overhangs by one row and column on each side, as SameDiff does
        Sequential model = new Sequential("pool", 72, Conv2D.same(new ImageShape(2, 6, 6), 2, 3, 4), MaxPool2D.same(new ImageShape(2, 6, 6), 4),
                new Upsample2D(new ImageShape(2, 2, 2), 2), new Conv2D(new ImageShape(2, 4, 4), 2, 2, 1, 0, Init.GLOROT_UNIFORM, 6), new ActivationLayer(new Sigmoid()));
        INDArray in = Fixtures.unitInterval(2, 72, 12), target = Fixtures.unitInterval(2, 18, 13);     // out: 2×3×3
        GradientReport report = GradientCheck.check(model, new BinaryCrossEntropy(), in, target);
        assertTrue(report.passed(TOLERANCE), report.toString());
        GradientReport sameDiff = SameDiffCheck.check(model, new BinaryCrossEntropy(), in, target);
        assertTrue(sameDiff.passed(1e-8), sameDiff.toString());
    }

    @Test
    void theKerasBlogModelHasItsShapesAndParameterCount() {
        Autoencoder ae = Autoencoder.convolutional(1);
        assertEquals(128, ae.encode(Nd4j.zeros(DataType.FLOAT, 2, 784)).columns());   // an 8×4×4 code
        assertEquals(784, ae.reconstruct(Nd4j.zeros(DataType.FLOAT, 2, 784)).columns());
        // Keras's model.summary() for the blog's model: 160 + 1,168 + 584 + 584 + 584 + 1,168 + 145 = 4,385 parameters
        assertEquals(4385, ae.parameterCount());
    }
}
