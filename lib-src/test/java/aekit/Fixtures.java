package aekit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small seeded inputs for tests. */
public final class Fixtures {
    private Fixtures() {}

    /** conv → ReLU → 2×2 pool → upsample → conv → sigmoid on 1×6×6 images, with {@code filters} in the first convolution. */
    public static aekit.model.Autoencoder tinyConvolutionalAutoencoder(int filters) {
        aekit.layers.ImageShape image = new aekit.layers.ImageShape(1, 6, 6);
        aekit.layers.Conv2D c1 = aekit.layers.Conv2D.same(image, filters, 3, 1);
        aekit.layers.MaxPool2D pool = new aekit.layers.MaxPool2D(c1.outputShape(), 2);
        aekit.layers.Upsample2D up = new aekit.layers.Upsample2D(pool.outputShape(), 2);
        aekit.layers.Conv2D c2 = aekit.layers.Conv2D.same(up.outputShape(), 1, 3, 2);
        return new aekit.model.Autoencoder(
                new aekit.layers.Sequential("encoder", 36, c1, new aekit.layers.ActivationLayer(new aekit.activations.ReLU()), pool),
                new aekit.layers.Sequential("decoder", pool.outputShape().size(), up, c2, new aekit.layers.ActivationLayer(new aekit.activations.Sigmoid())));
    }

    /** Values in (0.05, 0.95): away from the clipping of BCE and from ReLU's kink at the output. */
    public static INDArray unitInterval(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = 0.05 + 0.9 * r.nextDouble();
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(DataType.FLOAT);
    }
}
