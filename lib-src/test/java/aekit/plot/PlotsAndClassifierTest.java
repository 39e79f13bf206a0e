package aekit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.activations.Identity;
import aekit.activations.Softmax;
import aekit.data.Dataset;
import aekit.data.KitData;
import aekit.eval.Metrics;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Sequential;
import aekit.losses.CategoricalCrossEntropy;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.plot.Display;
import aekit.plot.ImageGrid;
import aekit.plot.Plots;
import aekit.training.History;
import aekit.training.Trainer;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PlotsAndClassifierTest {
    private static void assertPng(String base64) {
        byte[] png = Base64.getDecoder().decode(base64);
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of " + png.length + " bytes");
    }

    @Test
    void everyChartRendersAsPng() {
        Dataset d = KitData.mnist().slice(0, 600);
        Autoencoder ae = Autoencoder.builder(784, 32, 2).codeActivation(new Identity()).build();
        History h = Trainer.defaults().epochs(2).quiet().validation(d.x()).fit(ae, d.x());
        double[] errors = Metrics.reconstructionErrors(ae, d.x(), Trainer.defaults().loss());
        boolean[] isOne = new boolean[d.size()];
        for (int i = 0; i < isOne.length; i++) isOne[i] = d.labels()[i] == 1;
        double[] normal = java.util.stream.IntStream.range(0, errors.length).filter(i -> !isOne[i]).mapToDouble(i -> errors[i]).toArray();
        double[] ones = java.util.stream.IntStream.range(0, errors.length).filter(i -> isOne[i]).mapToDouble(i -> errors[i]).toArray();
        for (XYChart chart : new XYChart[] {
                Plots.lossCurve(h),
                Plots.lossCurves(new java.util.TreeMap<>(Map.of("a", h, "b", h))),
                Plots.latentScatter(ae.encode(d.x()), d.labels(), KitData.DIGITS),
                Plots.errorHistogram(normal, ones, 0.2, 30),
                Plots.roc(Metrics.rocCurve(errors, isOne), Metrics.rocAuc(errors, isOne)),
                Plots.rocs(new java.util.LinkedHashMap<>(Map.of("error", errors)), isOne)}) {
            assertPng(Display.pngBase64(chart));
            assertTrue(Display.text(chart).startsWith("chart: "));
        }
        BufferedImage grid = ImageGrid.compare(d.x(), ae.reconstruct(d.x()), 8);
        assertEquals(2 * (28 * 2 + 2), grid.getHeight());
        assertPng(Display.pngBase64(grid));
        assertTrue(Display.html(h.toTable(), 20).contains("<table"));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.mnist().row("bad", d.x().getColumns(0, 1, 2), 3));
    }

    @Test
    void aClassifierOnCodesLearnsDigits() {
        Dataset d = KitData.mnist();
        Dataset train = d.slice(0, 4000), test = d.slice(8000, 9000);
        Autoencoder ae = Autoencoder.dense(784, 128, 32);
        Trainer.defaults().epochs(5).quiet().fit(ae, train.x());
        INDArray codes = ae.encode(train.x());
        Sequential classifier = new Sequential("classifier", 32, new Dense(32, 10, Init.GLOROT_UNIFORM, 1), new ActivationLayer(new Softmax()));
        new Trainer(new CategoricalCrossEntropy(), new Adam(1e-2)).epochs(20).batchSize(128).quiet().fit(classifier, codes, train.oneHot());
        double accuracy = Metrics.accuracy(classifier, ae.encode(test.x()), test.labels());
        // guessing scores 0.10; a linear read-out of briefly trained codes measured 0.75 here
        assertTrue(accuracy > 0.6, "accuracy of a linear classifier on 32-number codes: " + accuracy);
    }

    @Test
    void nearestNeighbourAccuracyMatchesABruteForceCount() {
        INDArray reference = Nd4j.createFromArray(new float[][] {{0, 0}, {10, 0}, {0, 10}});
        int[] referenceLabels = {0, 1, 2};
        INDArray queries = Nd4j.createFromArray(new float[][] {{1, 1}, {9, 2}, {2, 9}, {6, 0}});
        // the nearest points are labelled 0, 1, 2, 1; the true labels are 0, 1, 2, 0: three of four right
        assertEquals(0.75, Metrics.nearestNeighbourAccuracy(reference, referenceLabels, queries, new int[] {0, 1, 2, 0}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.nearestNeighbourAccuracy(reference, referenceLabels, Nd4j.zeros(1, 3), new int[] {0}));
    }
}
