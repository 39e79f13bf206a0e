package aekit.eval;

import aekit.layers.Layer;
import aekit.losses.Loss;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How good is an autoencoder? Reconstruction error, PSNR, and — for anomaly detection — ROC and AUC. */
public final class Metrics {
    private Metrics() {}

    /** The loss of each sample's reconstruction: the anomaly score (seed 003 §6.4). */
    public static double[] reconstructionErrors(Layer model, INDArray x, Loss loss) {
        return loss.perSample(model.forward(x, false), x).toDoubleVector();
    }

    /** Peak signal-to-noise ratio for data in [0, 1]: PSNR = 10·log10(1 / MSE), in decibels. Higher is better. */
    public static double psnr(INDArray original, INDArray reconstruction) {
        INDArray d = original.sub(reconstruction);
        double mse = d.muli(d).meanNumber().doubleValue();
        return 10 * Math.log10(1.0 / mse);
    }

    /** PSNR of each row separately: one number per image, for spreads and per-image comparisons. */
    public static double[] psnrPerImage(INDArray original, INDArray reconstruction) {
        if (!java.util.Arrays.equals(original.shape(), reconstruction.shape())) {
            throw new IllegalArgumentException("PSNR compares equal shapes, got " + java.util.Arrays.toString(original.shape())
                    + " and " + java.util.Arrays.toString(reconstruction.shape()));
        }
        INDArray d = original.sub(reconstruction);
        double[] mse = d.muli(d).mean(1).toDoubleVector();
        double[] out = new double[mse.length];
        for (int i = 0; i < mse.length; i++) out[i] = 10 * Math.log10(1.0 / mse[i]);
        return out;
    }

    /**
     * The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between order statistics (numpy's default):
     * position (n − 1)·p/100 in the sorted values. An anomaly threshold is a high percentile of the errors on
     * normal validation data: 95 means 5% of normal samples will be flagged.
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) throw new IllegalArgumentException("a percentile of no values");
        if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = (sorted.length - 1) * p / 100;
        int lo = (int) Math.floor(position), hi = (int) Math.ceil(position);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * For each query row, the mean squared difference to the closest reference row: min_r |q − r|² / D.
     * "How far is a generated image from the nearest real one?" — 0 for a copy of a reference row.
     */
    public static double[] nearestDistances(INDArray queries, INDArray reference) {
        if (reference.columns() != queries.columns()) {
            throw new IllegalArgumentException("reference points have " + reference.columns() + " coordinates but queries have " + queries.columns());
        }
        INDArray q = queries.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE), r = reference.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray qq = q.mul(q).sum(1), rr = r.mul(r).sum(1).reshape(1, r.rows());
        INDArray d2 = q.mmul(r.transpose()).muli(-2).addiRowVector(rr).addiColumnVector(qq.reshape(q.rows(), 1));
        double[] nearest = d2.min(1).toDoubleVector();
        for (int i = 0; i < nearest.length; i++) nearest[i] = Math.max(0, nearest[i]) / queries.columns();
        return nearest;
    }

    /**
     * Area under the ROC curve: the probability that a random positive scores higher than a random negative
     * (ties count half). 0.5 is guessing, 1.0 is perfect.
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        requireSameLength(scores, positive);
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) j++;
            double averageRank = (i + 1 + j) / 2.0;                 // ranks i+1..j share their mean
            for (int k = i; k < j; k++) if (positive[order[k]]) { rankSum += averageRank; positives++; }
            i = j;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) throw new IllegalArgumentException("AUC needs both positives and negatives, got " + positives + " and " + negatives);
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /** The ROC curve: for each threshold from high to low, {false positive rate, true positive rate}. */
    public static double[][] rocCurve(double[] scores, boolean[] positive) {
        requireSameLength(scores, positive);
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        long p = IntStream.range(0, positive.length).filter(i -> positive[i]).count(), n = scores.length - p;
        double[] fpr = new double[scores.length + 1], tpr = new double[scores.length + 1];
        long tp = 0, fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) tp++; else fp++;
            fpr[k + 1] = fp / (double) n;
            tpr[k + 1] = tp / (double) p;
        }
        return new double[][] {fpr, tpr};
    }

    /** Fraction of rows whose largest output is the true label. */
    public static double accuracy(Layer classifier, INDArray x, int[] labels) {
        INDArray predicted = classifier.forward(x, false).argMax(1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (predicted.getInt(i) == labels[i]) correct++;
        return correct / (double) labels.length;
    }

    /**
     * How well points keep their class: each query takes the label of its nearest reference point (Euclidean).
     * A quick test of a code space — if similar inputs get nearby codes, this is high; guessing gives 1/classes.
     * Distances come from one matrix product: |q − r|² = |q|² + |r|² − 2·q·r, and |q|² is the same for every r,
     * so the nearest r is the one with the largest 2·q·r − |r|².
     */
    public static double nearestNeighbourAccuracy(INDArray reference, int[] referenceLabels, INDArray queries, int[] queryLabels) {
        if (reference.columns() != queries.columns()) {
            throw new IllegalArgumentException("reference points have " + reference.columns() + " coordinates but queries have " + queries.columns());
        }
        int[] nearest = nearestRow(queries, reference);
        int correct = 0;
        for (int i = 0; i < queryLabels.length; i++) if (referenceLabels[nearest[i]] == queryLabels[i]) correct++;
        return correct / (double) queryLabels.length;
    }

    /** For each query row, the index of the closest reference row (Euclidean), by the one-product trick above. */
    static int[] nearestRow(INDArray queries, INDArray reference) {
        INDArray closeness = queries.mmul(reference.transpose()).muli(2).subiRowVector(reference.mul(reference).sum(1).reshape(1, reference.rows()));
        return closeness.argMax(1).toIntVector();
    }

    private static void requireSameLength(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
    }
}
