package aekit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.activations.Identity;
import aekit.baselines.Prototypes;
import aekit.data.Dataset;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** Chapters 13 and 16: the yardstick for generated images, on two classes of made-up 4 × 4 "images". */
class GenerationYardstickTest {
    /** n images of 4 × 4 pixels: class 0 lights the top two rows at about 0.8, class 1 the bottom two; labels alternate. */
    static Dataset images(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int j = 0; j < 16; j++) x[i][j] = (float) ((j / 8 == labels[i] ? 0.8 : 0.1) + 0.05 * r.nextGaussian());
        }
        return new Dataset("two bars", Nd4j.createFromArray(x), labels, new String[] {"left", "right"});
    }

    static final Dataset TRAIN = images(400, 1);
    static final INDArray HELD_OUT = images(100, 2).x();
    static final GenerationYardstick YARDSTICK = GenerationYardstick.of(TRAIN, HELD_OUT);

    @Test
    void copiesOfTrainingImagesAreCaughtAsCopies() {
        GenerationScore copies = YARDSTICK.score(TRAIN.take(100).x());
        assertEquals(0, copies.sampleToReal(), 1e-9, "a copy sits on a training image");
        assertEquals(1, copies.closerThanNew(), 0, "every copy is closer to the training images than a new image is");
    }

    @Test
    void newImagesFromTheSameSourceScoreLikeTheHeldOutOnes() {
        GenerationScore fresh = YARDSTICK.score(images(100, 3).x());
        assertTrue(fresh.closerThanNew() > 0.3 && fresh.closerThanNew() < 0.7, "about half: " + fresh.closerThanNew());
        assertEquals(1.0, fresh.classEntropy(), 0.02, "both classes about equally often");
        assertTrue(fresh.confidence() > 0.9, "the classifier knows these: " + fresh.confidence());
        assertEquals(YARDSTICK.typicalNewDistance(), fresh.sampleToReal(), 0.5 * YARDSTICK.typicalNewDistance());
    }

    @Test
    void theMeanImageCoversLittleAndMakesOneClass() {
        GenerationScore fresh = YARDSTICK.score(images(100, 3).x());
        GenerationScore mean = YARDSTICK.score(Prototypes.meanImage(TRAIN.x(), 100));
        assertEquals(0, mean.classEntropy(), 0, "one image, one class");
        assertTrue(mean.realToSample() > 3 * fresh.realToSample(), "held-out images are far from the one mean image: "
                + mean.realToSample() + " against " + fresh.realToSample());
        assertTrue(mean.confidence() < fresh.confidence(), "the average of both bars is neither");
        assertTrue(mean.sharpness() < 0.2, "the average of both bars has no edge: " + mean.sharpness());
        assertEquals(1, fresh.sharpness(), 0.1, "new images are as sharp as the held-out ones");
    }

    @Test
    void edgeEnergySumsSquaredNeighbourDifferences() {
        // one 2 × 2 image [[0, 1], [1, 1]]: across 1² + 0², down 1² + 0² → 2; and a flat image → 0
        INDArray two = Nd4j.createFromArray(new double[][] {{0, 1, 1, 1}, {0.5, 0.5, 0.5, 0.5}});
        assertEquals((2 + 0) / 2.0, GenerationYardstick.edgeEnergy(two, 2), 1e-12);
    }

    @Test
    void eachScoreIsItsDefinition() {
        INDArray samples = images(100, 4).x();
        GenerationScore s = YARDSTICK.score(samples);
        double[] toReal = Metrics.nearestDistances(samples, TRAIN.x());
        assertEquals(Metrics.percentile(toReal, 50), s.sampleToReal(), 1e-12);
        assertEquals(Metrics.percentile(toReal, 90), s.sampleToRealTail(), 1e-12);
        assertEquals(Metrics.percentile(Metrics.nearestDistances(HELD_OUT, samples), 50), s.realToSample(), 1e-12);
        assertEquals(YARDSTICK.classifier().forward(samples, false).max(1).meanNumber().doubleValue(), s.confidence(), 1e-9);
        assertEquals(Metrics.percentile(Metrics.nearestDistances(HELD_OUT, TRAIN.x()), 50), YARDSTICK.typicalNewDistance(), 1e-12);
    }

    @Test
    void classEntropyInBits() {
        assertEquals(0, GenerationYardstick.classEntropy(new int[] {3, 3, 3}, 10), 0);
        assertEquals(1, GenerationYardstick.classEntropy(new int[] {0, 1, 0, 1}, 10), 1e-12);
        int[] allTen = new int[100];
        for (int i = 0; i < 100; i++) allTen[i] = i % 10;
        assertEquals(Math.log(10) / Math.log(2), GenerationYardstick.classEntropy(allTen, 10), 1e-12);
    }

    @Test
    void scoresComeBackInOrderAndAsATable() {
        Map<String, INDArray> sources = new LinkedHashMap<>();
        sources.put("copies", TRAIN.take(100).x());
        sources.put("mean image", Prototypes.meanImage(TRAIN.x(), 100));
        Map<String, GenerationScore> scores = YARDSTICK.scoreEach(sources);
        assertEquals(java.util.List.of("copies", "mean image"), java.util.List.copyOf(scores.keySet()));
        Table t = GenerationYardstick.table("t", scores);
        assertEquals(2, t.rowCount());
        assertEquals(8, t.columnCount());
        assertEquals(scores.get("mean image").classEntropy(), t.doubleColumn(5).get(1), 0);
    }

    @Test
    void misuseIsAnErrorThatSaysWhy() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> YARDSTICK.score(TRAIN.take(50).x()));
        assertTrue(count.getMessage().contains("as many as the held-out images"), count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> YARDSTICK.score(Nd4j.zeros(DataType.FLOAT, 100, 9)));
        Sequential notProbabilities = new Sequential("scores", 16, new Dense(16, 2, Init.GLOROT_UNIFORM, 1), new ActivationLayer(new Identity()));
        IllegalArgumentException softmax = assertThrows(IllegalArgumentException.class,
                () -> GenerationYardstick.of(TRAIN.x(), HELD_OUT, notProbabilities));
        assertTrue(softmax.getMessage().contains("softmax"), softmax.getMessage());
        IllegalArgumentException square = assertThrows(IllegalArgumentException.class,
                () -> GenerationYardstick.of(Nd4j.zeros(DataType.FLOAT, 4, 8), Nd4j.zeros(DataType.FLOAT, 4, 8), notProbabilities));
        assertTrue(square.getMessage().contains("square"), square.getMessage());
    }
}
