package aekit.eval;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * k-means clustering: k centres, each point belongs to its nearest centre, each centre is the mean of its points.
 *
 * <pre>
 * start:   k-means++ — the first centre a random point, each next one a point drawn with probability ∝ d², its
 *          squared distance to the nearest centre so far (spread-out starts, seeded)
 * repeat:  assign    c_i = argmin_j |x_i − μ_j|²
 *          update    μ_j = mean{ x_i : c_i = j }       (an empty cluster keeps its centre)
 * until no assignment changes (or maxIterations)
 * </pre>
 *
 * No labels are used; {@link Clustering#adjustedRandIndex} compares the clusters with labels afterwards.
 */
public final class KMeans {
    /** The k centres, [k, D]. */
    public final INDArray centres;
    /** The cluster of each training point. */
    public final int[] assignments;
    public final int iterations;

    private KMeans(INDArray centres, int[] assignments, int iterations) {
        this.centres = centres;
        this.assignments = assignments;
        this.iterations = iterations;
    }

    public static KMeans fit(INDArray x, int k, long seed) {
        return fit(x, k, seed, 100);
    }

    public static KMeans fit(INDArray x, int k, long seed, int maxIterations) {
        if (k <= 0 || k > x.rows()) throw new IllegalArgumentException("k-means needs 1 ≤ k ≤ " + x.rows() + " points, got k = " + k);
        INDArray data = x.castTo(DataType.DOUBLE);
        int n = data.rows();
        Random random = new Random(seed);
        INDArray centres = Nd4j.create(DataType.DOUBLE, k, data.columns());
        centres.putRow(0, data.getRow(random.nextInt(n)));
        double[] d2 = squaredDistances(data, centres.getRow(0, true));
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : d2) total += v;
            double u = random.nextDouble() * total, running = 0;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                running += d2[i];
                if (running >= u) { pick = i; break; }
            }
            centres.putRow(j, data.getRow(pick));
            double[] next = squaredDistances(data, centres.getRow(j, true));
            for (int i = 0; i < n; i++) d2[i] = Math.min(d2[i], next[i]);
        }
        int[] assignments = new int[n];
        java.util.Arrays.fill(assignments, -1);
        int iteration = 0;
        boolean changed = true;
        while (changed && iteration < maxIterations) {
            iteration++;
            int[] nearest = Metrics.nearestRow(data, centres);
            changed = !java.util.Arrays.equals(nearest, assignments);
            assignments = nearest;
            for (int j = 0; j < k; j++) {
                final int cluster = j;
                int[] members = java.util.stream.IntStream.range(0, n).filter(i -> nearest[i] == cluster).toArray();
                if (members.length > 0) centres.putRow(j, Nd4j.pullRows(data, 1, members).mean(0));
            }
        }
        return new KMeans(centres, assignments, iteration);
    }

    /** The nearest centre of each row of {@code x}. */
    public int[] predict(INDArray x) {
        return Metrics.nearestRow(x.castTo(DataType.DOUBLE), centres);
    }

    /** The sum of squared distances from each point to its centre: what k-means lowers at every step. */
    public double inertia(INDArray x) {
        INDArray data = x.castTo(DataType.DOUBLE);
        int[] c = predict(data);
        double sum = 0;
        for (int i = 0; i < c.length; i++) sum += squaredDistances(data.getRow(i, true), centres.getRow(c[i], true))[0];
        return sum;
    }

    private static double[] squaredDistances(INDArray data, INDArray centre) {
        INDArray d = data.subRowVector(centre);
        return d.muli(d).sum(1).toDoubleVector();
    }
}
