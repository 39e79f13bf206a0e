package aekit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Chapter 13: the library t-SNE behind {@link Tsne}, and the leave-one-out score of a map. */
class TsneTest {
    /** Three tight blobs in 10-D, far apart, labels.length / 3 points each; labels say which blob. */
    static INDArray blobs(int[] labels, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[labels.length][10];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 10; j++) x[i][j] = (j == labels[i] ? 10 : 0) + 0.3 * r.nextGaussian();
        }
        return Nd4j.createFromArray(x);
    }

    @Test
    void separatedBlobsStaySeparatedOnTheMapAndTheSameSeedGivesTheSameMap() {
        int[] labels = new int[300];                 // fewer points or iterations leave t-SNE's default step too large to settle
        INDArray x = blobs(labels, 1);
        INDArray map = Tsne.map(x, 10, 500, 7);
        assertArrayEquals(new long[] {300, 2}, map.shape());
        double kept = LeaveOneOut.nearestNeighbourAccuracy(map, labels);
        assertTrue(kept > 0.95, "almost every point's nearest map neighbour is from its blob (guessing: 1/3): " + kept);
        assertTrue(Tsne.map(x, 10, 500, 7).equalsWithEps(map, 0), "same seed, same map");
        // all values negative: the library divides by the largest value, which would be ≤ 0 without the kit's shift
        double shifted = LeaveOneOut.nearestNeighbourAccuracy(Tsne.map(x.add(-50), 10, 500, 7), labels);
        assertTrue(shifted > 0.95, "negative input maps as well: " + shifted);
    }

    @Test
    void tooFewPointsForThePerplexityIsAnErrorThatSaysWhatToChange() {
        int[] labels = new int[30];
        INDArray x = blobs(labels, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tsne.map(x, 30, 1000, 0));
        assertTrue(e.getMessage().contains("smaller perplexity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tsne.map(x, 5, 100, 0));
    }

    @Test
    void leaveOneOutTakesTheNearestOtherPoint() {
        INDArray points = Nd4j.createFromArray(new double[][] {{0}, {0.1}, {5}, {5.1}});
        assertEquals(1.0, LeaveOneOut.nearestNeighbourAccuracy(points, new int[] {0, 0, 1, 1}), 0);
        assertEquals(0.0, LeaveOneOut.nearestNeighbourAccuracy(points, new int[] {0, 1, 0, 1}), 0, "a point never counts as its own neighbour");
        assertArrayEquals(new int[] {1, 0, 3, 2}, LeaveOneOut.nearestOther(points));
        assertThrows(IllegalArgumentException.class, () -> LeaveOneOut.nearestNeighbourAccuracy(points, new int[] {0, 1}));
    }
}
