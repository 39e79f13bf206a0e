package aekit.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores a map by its own points: each point takes the label of its nearest <em>other</em> point, and the score is
 * the fraction that get their own label back. For maps that place only the points they are given (t-SNE), where
 * there are no separate reference points to look up ({@link Metrics#nearestNeighbourAccuracy} needs those).
 *
 * <pre>
 * accuracy = (1/N) Σ_i [ label(argmin_{j ≠ i} |y_i − y_j|²) = label(i) ]        guessing among c classes: about 1/c
 * </pre>
 */
public final class LeaveOneOut {
    private LeaveOneOut() {}

    public static double nearestNeighbourAccuracy(INDArray points, int[] labels) {
        if (points.rows() != labels.length) {
            throw new IllegalArgumentException(points.rows() + " points but " + labels.length + " labels");
        }
        if (labels.length < 2) throw new IllegalArgumentException("leave-one-out needs at least 2 points, got " + labels.length);
        int[] nearest = nearestOther(points);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (labels[nearest[i]] == labels[i]) correct++;
        return correct / (double) labels.length;
    }

    /** For each row, the index of the closest other row: |y_i − y_j|² from one product, the diagonal left out. */
    static int[] nearestOther(INDArray points) {
        INDArray y = points.castTo(DataType.DOUBLE);
        INDArray squared = y.mul(y).sum(1);
        INDArray d2 = y.mmul(y.transpose()).muli(-2).addiRowVector(squared.reshape(1, y.rows())).addiColumnVector(squared.reshape(y.rows(), 1));
        for (int i = 0; i < y.rows(); i++) d2.putScalar(i, i, Double.POSITIVE_INFINITY);
        return d2.negi().argMax(1).toIntVector();
    }
}
