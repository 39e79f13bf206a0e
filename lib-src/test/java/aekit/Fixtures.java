package aekit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small seeded inputs for tests. */
final class Fixtures {
    private Fixtures() {}

    /** Values in (0.05, 0.95): away from the clipping of BCE and from ReLU's kink at the output. */
    static INDArray unitInterval(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = 0.05 + 0.9 * r.nextDouble();
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(DataType.FLOAT);
    }
}
