package aekit.eval;

import aekit.data.Dataset;
import aekit.losses.BinaryCrossEntropy;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Many autoencoders in one table, scored on held-out data by what their users need (chapter 17), not by
 * reconstruction error alone:
 *
 * <pre>
 * reconstruction  test BCE (the mean), PSNR, and the 90th and 99th percentile of the per-image BCE (the bad tail)
 * features        a linear probe's accuracy trained on the codes of the first few labelled images ({@link LinearProbe})
 *                 nearest-neighbour accuracy in code space ({@link Metrics#nearestNeighbourAccuracy})
 * anomalies       ROC AUC of the per-image BCE, the normal test images against a set of anomalies
 * </pre>
 *
 * A model without a code (a baseline that only reconstructs) gets NaN in the feature columns. Models are run
 * 1,000 images at a time.
 */
public final class Scorecard {
    private static final int CHUNK = 1000;
    private final Dataset train;
    private final Dataset test;
    private final INDArray anomalies;
    private final int probeLabels;
    private final BinaryCrossEntropy bce = new BinaryCrossEntropy();
    private final StringColumn names = StringColumn.create("model");
    private final IntColumn codeSizes = IntColumn.create("code size");
    private final IntColumn parameters = IntColumn.create("parameters");
    private final DoubleColumn meanError = DoubleColumn.create("test BCE");
    private final DoubleColumn psnr = DoubleColumn.create("PSNR (dB)");
    private final DoubleColumn p90 = DoubleColumn.create("BCE p90");
    private final DoubleColumn p99 = DoubleColumn.create("BCE p99");
    private final DoubleColumn probe;
    private final DoubleColumn nearest = DoubleColumn.create("kNN accuracy");
    private final DoubleColumn auc = DoubleColumn.create("anomaly AUC");

    /** @param probeLabels how many labelled training images the linear probe may use (the first ones) */
    public Scorecard(Dataset train, Dataset test, INDArray anomalies, int probeLabels) {
        if (probeLabels <= 0 || probeLabels > train.size()) {
            throw new IllegalArgumentException("probeLabels must be in 1.." + train.size() + ", got " + probeLabels);
        }
        this.train = train;
        this.test = test;
        this.anomalies = anomalies;
        this.probeLabels = probeLabels;
        this.probe = DoubleColumn.create("probe accuracy (" + probeLabels + " labels)");
    }

    /**
     * Scores one model. {@code encode} gives codes (null for a model without one), {@code reconstruct} gives x̂;
     * both are called on whole datasets.
     */
    public Scorecard add(String name, Function<INDArray, INDArray> encode, Function<INDArray, INDArray> reconstruct, long parameterCount) {
        INDArray rebuilt = inChunks(reconstruct, test.x());
        double[] perImage = bce.perSample(rebuilt, test.x()).toDoubleVector();
        double[] anomalyScores = bce.perSample(inChunks(reconstruct, anomalies), anomalies).toDoubleVector();
        names.append(name);
        parameters.append((int) parameterCount);
        meanError.append(bce.value(rebuilt, test.x()));
        psnr.append(Metrics.psnr(test.x(), rebuilt));
        p90.append(Metrics.percentile(perImage, 90));
        p99.append(Metrics.percentile(perImage, 99));
        auc.append(Metrics.rocAuc(concat(perImage, anomalyScores), positives(perImage.length, anomalyScores.length)));
        if (encode == null) {
            codeSizes.appendMissing();
            probe.append(Double.NaN);
            nearest.append(Double.NaN);
        } else {
            INDArray trainCodes = inChunks(encode, train.x()), testCodes = inChunks(encode, test.x());
            codeSizes.append((int) trainCodes.columns());
            INDArray labelled = trainCodes.get(NDArrayIndex.interval(0, probeLabels), NDArrayIndex.all());
            int[] labels = java.util.Arrays.copyOf(train.labels(), probeLabels);
            probe.append(LinearProbe.accuracy(labelled, labels, testCodes, test.labels(), train.classNames().length));
            nearest.append(Metrics.nearestNeighbourAccuracy(trainCodes, train.labels(), testCodes, test.labels()));
        }
        return this;
    }

    public Table table() {
        return Table.create("held-out scores (" + test.size() + " test images; anomalies: " + anomalies.rows() + ")",
                names, codeSizes, parameters, meanError, psnr, p90, p99, probe, nearest, auc);
    }

    /** f applied 1,000 rows at a time: a convolutional model's activations for 8,000 images at once would not fit. */
    private static INDArray inChunks(Function<INDArray, INDArray> f, INDArray x) {
        java.util.List<INDArray> parts = new java.util.ArrayList<>();
        for (long from = 0; from < x.rows(); from += CHUNK) {
            parts.add(f.apply(x.get(NDArrayIndex.interval(from, Math.min(x.rows(), from + CHUNK)), NDArrayIndex.all())));
        }
        return parts.size() == 1 ? parts.get(0) : org.nd4j.linalg.factory.Nd4j.vstack(parts.toArray(new INDArray[0]));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean[] positives(int normal, int anomalous) {
        boolean[] out = new boolean[normal + anomalous];
        java.util.Arrays.fill(out, normal, out.length, true);
        return out;
    }
}
