package aekit.baselines;

import aekit.eval.KMeans;
import aekit.eval.Pca;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mixture of k Gaussians fitted to points by the simplest recipe: k-means finds k clusters, and each cluster gets
 * its own mean and full covariance. Fitted to a plain autoencoder's codes, it is the "second fitting step" that makes
 * that autoencoder a generator — the ex-post density of Ghosh et al., <i>From Variational to Deterministic
 * Autoencoders</i>, ICLR 2020, who fit a 10-component mixture.
 *
 * <pre>
 * fit:     clusters c = 1…k by k-means;  w_c = N_c / N,  μ_c, C_c = mean and covariance of cluster c
 * sample:  c ~ w,  h = μ_c + Σ_i ε_i √λ_ci v_ci   (C_c = Σ_i λ_ci v_ci v_ciᵀ; {@link Pca#sample})
 * </pre>
 *
 * Not an EM-fitted mixture (no soft assignments): enough for a baseline, and every piece is one the kit teaches.
 */
public final class GaussianMixture {
    private final Pca[] components;
    private final double[] weights;

    private GaussianMixture(Pca[] components, double[] weights) {
        this.components = components;
        this.weights = weights;
    }

    public static GaussianMixture fit(INDArray points, int k, long seed) {
        KMeans clusters = KMeans.fit(points, k, seed);
        int d = (int) points.columns(), n = (int) points.rows();
        Pca[] components = new Pca[k];
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            final int cluster = c;
            int[] members = java.util.stream.IntStream.range(0, n).filter(i -> clusters.assignments[i] == cluster).toArray();
            if (members.length < 2) {
                throw new IllegalArgumentException("cluster " + c + " of " + k + " has " + members.length
                        + " point(s): a Gaussian needs at least 2; fit fewer components or more points");
            }
            components[c] = Pca.fit(Nd4j.pullRows(points, 1, members), d);
            weights[c] = members.length / (double) n;
        }
        return new GaussianMixture(components, weights);
    }

    /** The share of the points in each component: the probability of drawing from it. */
    public double[] weights() {
        return weights.clone();
    }

    /** n points: for each, a component drawn by weight, then a point from that component's Gaussian. */
    public INDArray sample(int n, long seed) {
        if (n <= 0) throw new IllegalArgumentException("number of samples must be positive, got " + n);
        Random random = new Random(seed);
        int[] chosen = new int[n];
        int[] count = new int[components.length];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble(), running = 0;
            int c = components.length - 1;
            for (int j = 0; j < components.length; j++) {
                running += weights[j];
                if (u < running) { c = j; break; }
            }
            chosen[i] = c;
            count[c]++;
        }
        INDArray out = Nd4j.create(components[0].mean.dataType(), n, components[0].mean.columns());
        for (int c = 0; c < components.length; c++) {
            if (count[c] == 0) continue;
            INDArray drawn = components[c].sample(count[c], seed + 1 + c);
            int next = 0;
            for (int i = 0; i < n; i++) if (chosen[i] == c) out.putRow(i, drawn.getRow(next++));
        }
        return out;
    }
}
