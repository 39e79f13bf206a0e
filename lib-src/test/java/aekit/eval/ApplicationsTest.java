package aekit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.activations.Identity;
import aekit.activations.Sigmoid;
import aekit.baselines.MedianFilter;
import aekit.baselines.ZScore;
import aekit.check.GradientCheck;
import aekit.check.GradientReport;
import aekit.compress.Quantizer;
import aekit.data.DigitMeasurements;
import aekit.data.Windows;
import aekit.eval.BinaryScores;
import aekit.eval.Clustering;
import aekit.eval.KMeans;
import aekit.eval.LinearProbe;
import aekit.eval.Metrics;
import aekit.eval.Pca;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.MeanSquaredError;
import aekit.losses.TwoViewLoss;
import aekit.model.FusionAutoencoder;
import aekit.optimizers.Adam;
import aekit.training.History;
import aekit.training.Trainer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Part II's pieces: baselines, metrics, clustering, quantisation, the fusion model and its loss, data views. */
class ApplicationsTest {

    @Test
    void medianFilterRemovesAnIsolatedDotAndHandlesBorders() {
        float[] img = new float[9];
        img[4] = 1;                                         // one bright pixel in the middle of a black 3×3 image
        INDArray out = new MedianFilter(3, 3).apply(Nd4j.create(img, new long[] {1, 9}, 'c'));
        assertEquals(0, out.sumNumber().doubleValue(), 0, "a lone dot is outvoted by its 8 neighbours");
        // corner (0,0) sees 4 pixels {1, 2, 4, 5} of a ramp 1..9: median of an even count = mean of the middle two
        float[] ramp = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        INDArray r = new MedianFilter(3, 3).apply(Nd4j.create(ramp, new long[] {1, 9}, 'c'));
        assertEquals(3.0, r.getDouble(0, 0), 1e-6);
        assertEquals(5.0, r.getDouble(0, 4), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> MedianFilter.mnist().apply(Nd4j.zeros(1, 10)));
    }

    @Test
    void oneOfPicksAWholeNoisePerCall() {
        aekit.data.Noise mix = aekit.data.Noise.oneOf(aekit.data.Noise.gaussian(0), aekit.data.Noise.masking(1));
        INDArray x = Nd4j.ones(DataType.FLOAT, 2, 5).muli(0.5);
        int clean = 0, masked = 0;
        for (int i = 0; i < 40; i++) {
            double sum = mix.apply(x).sumNumber().doubleValue();
            if (sum == 5) clean++;
            else if (sum == 0) masked++;
        }
        assertEquals(40, clean + masked, "each call applies one whole noise, never a blend");
        assertTrue(clean > 5 && masked > 5, clean + " clean, " + masked + " masked");
        assertThrows(IllegalArgumentException.class, () -> aekit.data.Noise.oneOf());
    }

    @Test
    void zScoreIsTheMeanSquaredStandardScore() {
        INDArray normal = Nd4j.createFromArray(new double[][] {{0, 10}, {2, 10}, {4, 16}, {6, 16}});   // means 3, 13; std √5, 3
        double[] s = ZScore.fit(normal).scores(Nd4j.createFromArray(new double[][] {{3, 13}, {3 + Math.sqrt(5), 19}}));
        assertEquals(0, s[0], 1e-12);
        assertEquals((1 + 4) / 2.0, s[1], 1e-9);
    }

    @Test
    void binaryScoresCountFlagsAgainstTruth() {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.9, 0.2};
        boolean[] truth = {false, true, false, true, true, false};
        BinaryScores b = BinaryScores.at(scores, truth, 0.3);   // flagged: 0.4, 0.35, 0.8, 0.9
        assertEquals(3, b.truePositives());
        assertEquals(1, b.falsePositives());
        assertEquals(2, b.trueNegatives());
        assertEquals(0, b.falseNegatives());
        assertEquals(0.75, b.precision(), 1e-12);
        assertEquals(1.0, b.recall(), 1e-12);
        assertEquals(2 * 0.75 / 1.75, b.f1(), 1e-12);
        assertEquals(5 / 6.0, b.accuracy(), 1e-12);
        assertEquals(0, BinaryScores.at(scores, truth, 5).precision(), 0, "nothing flagged: precision 0, not NaN");
    }

    @Test
    void anomalyReportTakesItsThresholdFromNormalValidationScores() {
        aekit.eval.AnomalyReport report = new aekit.eval.AnomalyReport(50);
        double[] validation = {1, 2, 3, 4};                      // median 2.5: the threshold
        double[] test = {1, 2, 3, 9, 8};
        boolean[] anomalous = {false, false, false, true, true};
        aekit.eval.AnomalyReport.Row row = report.add("toy", "score", validation, test, anomalous);
        assertEquals(2.5, row.flags().threshold(), 1e-12);
        assertEquals(1.0, row.auc(), 1e-12);
        assertEquals(2, row.flags().truePositives());
        assertEquals(1, row.flags().falsePositives());            // the normal 3 is above the validation median
        assertEquals(1, report.table().rowCount());
        assertThrows(IllegalArgumentException.class, () -> report.row("toy", "other"));
    }

    @Test
    void percentileInterpolatesAsNumpyDoes() {
        double[] v = {4, 1, 3, 2};
        assertEquals(2.5, Metrics.percentile(v, 50), 1e-12);
        assertEquals(3.85, Metrics.percentile(v, 95), 1e-12);   // numpy.percentile([1,2,3,4], 95)
        assertEquals(1, Metrics.percentile(v, 0), 0);
        assertEquals(4, Metrics.percentile(v, 100), 0);
        assertThrows(IllegalArgumentException.class, () -> Metrics.percentile(v, 101));
    }

    @Test
    void psnrPerImageAndNearestDistances() {
        INDArray a = Nd4j.createFromArray(new float[][] {{0, 0}, {1, 1}});
        INDArray b = Nd4j.createFromArray(new float[][] {{0.1f, 0.1f}, {1, 0.9f}});
        double[] p = Metrics.psnrPerImage(a, b);
        assertEquals(20, p[0], 1e-4);                      // MSE 0.01 → 20 dB
        assertEquals(10 * Math.log10(1 / 0.005), p[1], 1e-4);
        INDArray ref = Nd4j.createFromArray(new double[][] {{0, 0}, {3, 4}});
        double[] d = Metrics.nearestDistances(Nd4j.createFromArray(new double[][] {{3, 4}, {1, 1}}), ref);
        assertEquals(0, d[0], 1e-12);
        assertEquals(2 / 2.0, d[1], 1e-12);                // |(1,1)|² / D
    }

    @Test
    void kMeansFindsSeparatedBlobsAndAriScoresThem() {
        Random r = new Random(1);
        int n = 90;
        double[][] pts = new double[n][2];
        int[] truth = new int[n];
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        for (int i = 0; i < n; i++) {
            truth[i] = i % 3;
            pts[i][0] = centres[truth[i]][0] + r.nextGaussian();
            pts[i][1] = centres[truth[i]][1] + r.nextGaussian();
        }
        KMeans km = KMeans.fit(Nd4j.createFromArray(pts), 3, 7);
        assertEquals(1.0, Clustering.adjustedRandIndex(km.assignments, truth), 1e-12);
        assertEquals(1.0, Clustering.purity(km.assignments, truth), 1e-12);
        // scikit-learn's documented example: adjusted_rand_score([0,0,0,1,1,1], [0,0,1,1,2,2]) = 0.2424…
        assertEquals(0.24242424242424243, Clustering.adjustedRandIndex(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 1}), 1e-12);
        assertEquals(1.0, Clustering.adjustedRandIndex(new int[] {5, 5, 9, 9}, new int[] {0, 0, 1, 1}), 1e-12, "names of clusters do not matter");
    }

    @Test
    void quantizerErrorIsAtMostHalfAStep() {
        INDArray codes = Nd4j.rand(DataType.DOUBLE, 200, 4).muli(6).subi(3);
        for (int bits : new int[] {2, 4, 8}) {
            Quantizer q = Quantizer.fit(codes, bits);
            double range = codes.max(0).sub(codes.min(0)).maxNumber().doubleValue();
            double worst = codes.sub(q.roundTrip(codes)).amaxNumber().doubleValue();
            assertTrue(worst <= range / ((1 << bits) - 1) / 2 + 1e-12, bits + " bits: worst error " + worst);
            assertEquals(4L * bits, q.bitsPerSample());
            for (int[] row : q.encode(codes)) for (int v : row) assertTrue(v >= 0 && v < (1 << bits));
        }
        assertThrows(IllegalArgumentException.class, () -> Quantizer.fit(codes, 0));
    }

    @Test
    void pcaSampleHasTheDataMeanAndCovariance() {
        Random r = new Random(3);
        double[][] x = new double[2000][2];
        for (double[] row : x) { double a = r.nextGaussian(); row[0] = 5 + 2 * a; row[1] = -1 + a + 0.5 * r.nextGaussian(); }
        INDArray data = Nd4j.createFromArray(x);
        INDArray s = Pca.fit(data, 2).sample(20000, 11);
        assertEquals(5, s.getColumn(0).meanNumber().doubleValue(), 0.1);
        assertEquals(-1, s.getColumn(1).meanNumber().doubleValue(), 0.05);
        INDArray c = s.subRowVector(s.mean(0));
        assertEquals(4, c.getColumn(0).mul(c.getColumn(0)).meanNumber().doubleValue(), 0.25);
        assertEquals(2, c.getColumn(0).mul(c.getColumn(1)).meanNumber().doubleValue(), 0.15);   // cov = 2·1
    }

    @Test
    void twoViewLossWeighsItsViews() {
        INDArray p = Fixtures.unitInterval(5, 7, 1).castTo(DataType.DOUBLE), t = Fixtures.unitInterval(5, 7, 2).castTo(DataType.DOUBLE);
        TwoViewLoss loss = new TwoViewLoss(4, new BinaryCrossEntropy(), 2.0, new MeanSquaredError(), 0.5);
        INDArray pa = p.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)), ta = t.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        INDArray pb = p.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7)), tb = t.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7));
        double expected = 2 * new BinaryCrossEntropy().value(pa, ta) + 0.5 * new MeanSquaredError().value(pb, tb);
        assertEquals(expected, loss.value(p, t), 1e-12);
        INDArray g = loss.gradient(p, t);
        assertEquals(0, g.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7)).sub(new MeanSquaredError().gradient(pb, tb).mul(0.5)).amaxNumber().doubleValue(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new TwoViewLoss(7, new MeanSquaredError(), 1, new MeanSquaredError(), 1).value(p, t));
    }

    @Test
    void fusionAutoencoderPassesTheGradientCheck() {
        FusionAutoencoder model = FusionAutoencoder.dense(6, 4, new Sigmoid(), 3, 3, new Identity(), 2, 0.5);
        INDArray x = FusionAutoencoder.join(Fixtures.unitInterval(5, 6, 3), Fixtures.unitInterval(5, 3, 4));
        TwoViewLoss loss = new TwoViewLoss(6, new BinaryCrossEntropy(), 1, new MeanSquaredError(), 1);
        GradientReport report = GradientCheck.check(model, loss, x, x);
        assertTrue(report.passed(1e-6), report.toString());
    }

    @Test
    void viewDropoutZeroesOneViewPerDroppedRowAndBlocksItsGradient() {
        FusionAutoencoder model = FusionAutoencoder.dense(6, 4, new Sigmoid(), 3, 3, new Identity(), 2, 1.0);
        INDArray x = FusionAutoencoder.join(Fixtures.unitInterval(8, 6, 5), Fixtures.unitInterval(8, 3, 6));
        INDArray y = model.forward(x, true);
        INDArray dx = model.backward(Nd4j.ones(y.dataType(), y.shape()));
        for (int i = 0; i < 8; i++) {
            boolean aDead = dx.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, 6)).amaxNumber().doubleValue() == 0;
            boolean bDead = dx.get(NDArrayIndex.point(i), NDArrayIndex.interval(6, 9)).amaxNumber().doubleValue() == 0;
            assertTrue(aDead ^ bDead, "row " + i + ": with view dropout 1, exactly one view is dropped");
        }
        INDArray xa = Fixtures.unitInterval(3, 6, 7);
        assertEquals(0, model.encodeA(xa).sub(model.encode(xa, Nd4j.zeros(xa.dataType(), 3, 3))).amaxNumber().doubleValue(), 0);
        assertThrows(IllegalArgumentException.class, () -> model.forward(Nd4j.zeros(2, 8), false));
    }

    @Test
    void fusionAutoencoderLearns() {
        INDArray a = Fixtures.unitInterval(256, 12, 8), b = a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).mul(4).dup();   // view b follows from view a
        FusionAutoencoder model = FusionAutoencoder.dense(12, 8, new Sigmoid(), 3, 4, new Identity(), 4, 0.3);
        INDArray x = FusionAutoencoder.join(a, b);
        History h = new Trainer(new TwoViewLoss(12, new BinaryCrossEntropy(), 1, new MeanSquaredError(), 1), new Adam(1e-2))
                .epochs(40).batchSize(32).quiet().fit(model, x);
        assertTrue(h.trainLosses()[39] < 0.8 * h.trainLosses()[0], "loss fell from " + h.trainLosses()[0] + " to " + h.trainLosses()[39]);
    }

    @Test
    void digitMeasurementsCountHolesAndExtent() {
        float[] ring = new float[784], bar = new float[784];
        for (int r = 8; r <= 18; r++) for (int c = 8; c <= 18; c++) if (r == 8 || r == 18 || c == 8 || c == 18) ring[r * 28 + c] = 1;
        for (int r = 4; r < 24; r++) bar[r * 28 + 14] = 1;
        INDArray m = DigitMeasurements.of(Nd4j.createFromArray(new float[][] {ring, bar}));
        int holes = java.util.Arrays.asList(DigitMeasurements.COLUMNS).indexOf("holes");
        assertEquals(1, m.getDouble(0, holes), 0);
        assertEquals(0, m.getDouble(1, holes), 0);
        assertEquals(20, m.getDouble(1, 1), 0, "the bar is 20 rows tall");
        assertEquals(1, m.getDouble(1, 2), 0, "and 1 column wide");
        assertEquals(11, DigitMeasurements.COLUMNS.length);
        assertEquals(11, m.columns());
    }

    @Test
    void theShippedEcgHasItsOneLabelledStretch() {
        tech.tablesaw.api.Table ecg = aekit.data.KitData.ecg();
        assertEquals(7500, ecg.rowCount());
        double[] flags = ecg.numberColumn("anomaly").asDoubleArray();
        int first = -1, count = 0;
        for (int i = 0; i < flags.length; i++) if (flags[i] == 1) { count++; if (first < 0) first = i; }
        assertEquals(352, count);
        assertEquals(6936, first);                        // 0-based: samples 6,936…7,287
    }

    @Test
    void windowsCoverTheSeriesAndCarryFlags() {
        double[] series = new double[20];
        for (int i = 0; i < 20; i++) series[i] = i;
        INDArray w = Windows.of(series, 2, 20, 5, 4);       // starts 2, 6, 10, 14
        assertEquals(4, w.rows());
        assertArrayEquals(new float[] {10, 11, 12, 13, 14}, w.getRow(2).toFloatVector(), 0f);
        boolean[] flags = new boolean[20];
        flags[13] = flags[14] = true;                        // window 10…14 holds both, window 14…18 one
        assertArrayEquals(new boolean[] {false, false, true, true}, Windows.flagged(flags, 2, 20, 5, 4, 1));
        assertArrayEquals(new boolean[] {false, false, true, false}, Windows.flagged(flags, 2, 20, 5, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> Windows.of(series, 0, 4, 5, 1));
    }

    @Test
    void linearProbeSeparatesSeparableClasses() {
        Random r = new Random(4);
        double[][] x = new double[200][3];
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) { y[i] = i % 2; x[i][0] = (y[i] == 0 ? -3 : 3) + r.nextGaussian(); x[i][1] = r.nextGaussian(); x[i][2] = r.nextGaussian(); }
        INDArray features = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
        INDArray train = features.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all()), test = features.get(NDArrayIndex.interval(100, 200), NDArrayIndex.all());
        double acc = LinearProbe.accuracy(train, java.util.Arrays.copyOf(y, 100), test, java.util.Arrays.copyOfRange(y, 100, 200), 2);
        assertTrue(acc > 0.97, "accuracy " + acc);
    }
}
