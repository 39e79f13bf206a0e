package aekit.eval;

import java.util.Locale;

/**
 * What a threshold does: samples with score &gt; threshold are flagged as anomalies (positives), and the flags are
 * counted against the truth.
 *
 * <pre>
 * precision = TP / (TP + FP)      of the flagged samples, how many were anomalies
 * recall    = TP / (TP + FN)      of the anomalies, how many were flagged
 * F1        = 2·precision·recall / (precision + recall)
 * accuracy  = (TP + TN) / N
 * </pre>
 *
 * A precision with nothing flagged (0/0) counts as 0, as does an F1 with precision and recall both 0.
 */
public record BinaryScores(double threshold, long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    /** Counts the flags {@code score > threshold} against {@code positive}. */
    public static BinaryScores at(double[] scores, boolean[] positive, double threshold) {
        if (scores.length != positive.length) throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        if (Double.isNaN(threshold)) throw new IllegalArgumentException("the threshold is NaN");
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] > threshold;
            if (flagged && positive[i]) tp++;
            else if (flagged) fp++;
            else if (positive[i]) fn++;
            else tn++;
        }
        return new BinaryScores(threshold, tp, fp, tn, fn);
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double accuracy() {
        return ratio(truePositives + trueNegatives, truePositives + falsePositives + trueNegatives + falseNegatives);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "threshold %.4g: precision %.3f, recall %.3f, F1 %.3f, accuracy %.3f (TP %d, FP %d, TN %d, FN %d)",
                threshold, precision(), recall(), f1(), accuracy(), truePositives, falsePositives, trueNegatives, falseNegatives);
    }
}
