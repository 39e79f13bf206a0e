package aekit.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Principal component analysis, the linear baseline every autoencoder should beat (or, when linear, match):
 *
 * <pre>
 * μ = mean(x),  C = (x − μ)ᵀ(x − μ) / (N − 1),  C = V·diag(λ)·Vᵀ  (SVD of the symmetric C)
 * code = (x − μ)·V_k,   x̂ = code·V_kᵀ + μ         V_k: the k leading directions, [D, k]
 * </pre>
 */
public final class Pca {
    public final INDArray mean;
    /** The k principal directions as columns, [D, k]. */
    public final INDArray components;
    /** The variance λ along every direction, largest first. */
    public final double[] variances;

    private Pca(INDArray mean, INDArray components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    public static Pca fit(INDArray x, int k) {
        if (k <= 0 || k > x.columns()) throw new IllegalArgumentException("PCA needs 1 ≤ k ≤ " + x.columns() + ", got " + k);
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray mean = xd.mean(true, 0);
        INDArray centered = xd.subRowVector(mean);
        INDArray cov = centered.transpose().mmul(centered).divi(x.rows() - 1);
        int d = (int) x.columns();
        INDArray s = Nd4j.create(DataType.DOUBLE, d);
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(cov.dup('f'), s, u, vt);
        INDArray components = u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).dup('c');
        return new Pca(mean.castTo(x.dataType()), components.castTo(x.dataType()), s.toDoubleVector());
    }

    public INDArray encode(INDArray x) {
        return x.subRowVector(mean).mmul(components);
    }

    public INDArray reconstruct(INDArray x) {
        return encode(x).mmul(components.transpose()).addiRowVector(mean);
    }

    /**
     * Draws n points from the Gaussian with PCA's mean and the variance its k directions keep:
     * x = μ + Σ_i ε_i·√λ_i·v_i, ε_i ~ N(0, 1). With k = D that is N(μ, C), the data's own mean and covariance —
     * a way to make up codes that look like real ones (notebook 13).
     */
    public INDArray sample(int n, long seed) {
        if (n <= 0) throw new IllegalArgumentException("number of samples must be positive, got " + n);
        int k = (int) components.columns();
        java.util.Random random = new java.util.Random(seed);
        double[][] eps = new double[n][k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) eps[i][j] = random.nextGaussian() * Math.sqrt(Math.max(0, variances[j]));
        INDArray scaled = Nd4j.createFromArray(eps).castTo(components.dataType());
        return scaled.mmul(components.transpose()).addiRowVector(mean);
    }

    /** Fraction of the total variance the first k components keep. */
    public double explainedVarianceRatio() {
        double total = 0, kept = 0;
        for (int i = 0; i < variances.length; i++) {
            total += variances[i];
            if (i < components.columns()) kept += variances[i];
        }
        return kept / total;
    }

    /**
     * The largest principal angle, in degrees, between the column spaces of a and b (both [D, k]): 0° when
     * they span the same subspace. cos θ_i are the singular values of Q_aᵀQ_b, Q orthonormal bases.
     */
    public static double largestAngleDegrees(INDArray a, INDArray b) {
        double[] angles = principalAnglesDegrees(a, b);
        return angles[angles.length - 1];
    }

    /**
     * All principal angles between the column spaces of a and b, smallest first, in degrees. The first says how
     * close the nearest pair of directions is, the last how far apart the subspaces are at worst.
     */
    public static double[] principalAnglesDegrees(INDArray a, INDArray b) {
        INDArray qa = orthonormalBasis(a), qb = orthonormalBasis(b);
        INDArray m = qa.transpose().mmul(qb);
        int k = (int) Math.min(m.rows(), m.columns());
        INDArray s = Nd4j.create(DataType.DOUBLE, k);
        Nd4j.getBlasWrapper().lapack().gesvd(m.dup('f'), s, null, null);
        double[] cosines = s.toDoubleVector();                  // singular values, largest first
        double[] angles = new double[k];
        for (int i = 0; i < k; i++) angles[i] = Math.toDegrees(Math.acos(Math.min(1, cosines[i])));
        java.util.Arrays.sort(angles);
        return angles;
    }

    private static INDArray orthonormalBasis(INDArray a) {
        INDArray ad = a.castTo(DataType.DOUBLE).dup('f');
        int d = (int) ad.rows(), k = (int) ad.columns();
        INDArray s = Nd4j.create(DataType.DOUBLE, Math.min(d, k));
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {k, k}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(ad, s, u, vt);
        return u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).dup('c');
    }
}
