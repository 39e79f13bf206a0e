package aekit.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Chapter 16's fitted mixture and chapter 13's prototype "generators". */
class GaussianMixtureTest {
    /** 100, 200 and 300 points around (0, 0), (20, 0) and (0, 20); the second blob stretched along x. */
    static INDArray threeBlobs() {
        Random r = new Random(5);
        double[][] x = new double[600][];
        for (int i = 0; i < 600; i++) {
            int blob = i < 100 ? 0 : i < 300 ? 1 : 2;
            double sx = blob == 1 ? 3 : 1;
            x[i] = new double[] {(blob == 1 ? 20 : 0) + sx * r.nextGaussian(), (blob == 2 ? 20 : 0) + r.nextGaussian()};
        }
        return Nd4j.createFromArray(x);
    }

    @Test
    void weightsAreClusterSharesAndSamplesFollowEachComponent() {
        GaussianMixture mixture = GaussianMixture.fit(threeBlobs(), 3, 1);
        double[] w = mixture.weights();
        Arrays.sort(w);
        assertArrayEquals(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, w, 1e-12);
        INDArray s = mixture.sample(30000, 2);
        int stretched = 0, nearOrigin = 0;
        double sumX = 0, sumSqX = 0;
        for (int i = 0; i < 30000; i++) {
            double x = s.getDouble(i, 0), y = s.getDouble(i, 1);
            if (x > 10) { stretched++; sumX += x; sumSqX += x * x; }
            else if (y < 10) nearOrigin++;
        }
        assertEquals(2 / 6.0, stretched / 30000.0, 0.01, "share drawn from the 200-point blob");
        assertEquals(1 / 6.0, nearOrigin / 30000.0, 0.01, "share drawn from the 100-point blob");
        double mean = sumX / stretched, sd = Math.sqrt(sumSqX / stretched - mean * mean);
        assertEquals(20, mean, 0.5);
        assertEquals(3, sd, 0.3, "each component keeps its own covariance");
        assertTrue(mixture.sample(50, 9).equalsWithEps(mixture.sample(50, 9), 0), "same seed, same samples");
    }

    @Test
    void aClusterTooSmallForAGaussianIsAnError() {
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 0.1}, {9, 9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianMixture.fit(x, 2, 1));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void prototypesAreTheMeanImageAndTheClassMeansInTurn() {
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 2}, {2, 4}, {10, 10}, {12, 10}});
        int[] labels = {0, 0, 1, 1};
        assertEquals(Nd4j.createFromArray(new double[][] {{6, 6.5}, {6, 6.5}, {6, 6.5}}), Prototypes.meanImage(x, 3));
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 3}, {11, 10}, {1, 3}}), Prototypes.classMeans(x, labels, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Prototypes.classMeans(x, labels, 3, 3), "class 2 has no images");
    }
}
