package aekit.baselines;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * "Generators" that make nothing new: the average image, and the average image of each class, repeated. A yardstick
 * for generated images must score them badly; if it does not, it rewards blur (chapter 13).
 */
public final class Prototypes {
    private Prototypes() {}

    /** n copies of the mean of the rows of {@code x}. */
    public static INDArray meanImage(INDArray x, int n) {
        if (n <= 0) throw new IllegalArgumentException("number of images must be positive, got " + n);
        return Nd4j.ones(x.dataType(), n, 1).mmul(x.mean(true, 0));
    }

    /** n images: row i is the mean of the rows of class i mod classes (classes 0…classes−1 in turn). */
    public static INDArray classMeans(INDArray x, int[] labels, int classes, int n) {
        if (x.rows() != labels.length) throw new IllegalArgumentException(x.rows() + " images but " + labels.length + " labels");
        if (n <= 0) throw new IllegalArgumentException("number of images must be positive, got " + n);
        INDArray means = Nd4j.create(x.dataType(), classes, x.columns());
        for (int c = 0; c < classes; c++) {
            final int label = c;
            int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
            if (members.length == 0) throw new IllegalArgumentException("no image has label " + c + " (of " + classes + " classes)");
            means.putRow(c, Nd4j.pullRows(x, 1, members).mean(0));
        }
        INDArray out = Nd4j.create(x.dataType(), n, x.columns());
        for (int i = 0; i < n; i++) out.putRow(i, means.getRow(i % classes));
        return out;
    }
}
