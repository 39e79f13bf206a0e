package aekit.baselines;

import aekit.data.Scaler;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The simplest anomaly score: how many standard deviations each feature sits from the normal data's mean,
 * squared and averaged over the features.
 *
 * <pre>
 * z_ij = (x_ij − μ_j) / σ_j          μ, σ fitted on normal rows only
 * score_i = (1/D) Σ_j z_ij²
 * </pre>
 *
 * It looks at one feature at a time, so it misses a row whose features are each ordinary but whose combination is
 * not (a tall person who weighs little) — the case where a model of how features go together (PCA, an autoencoder)
 * can do better.
 */
public final class ZScore {
    private final Scaler scaler;

    private ZScore(Scaler scaler) {
        this.scaler = scaler;
    }

    /** Fits μ and σ of every column on {@code normal} (the rows known to be normal: training data). */
    public static ZScore fit(INDArray normal) {
        return new ZScore(Scaler.zScore(normal));
    }

    /** One score per row of {@code x}; larger is more unusual. */
    public double[] scores(INDArray x) {
        INDArray z = scaler.transform(x);
        return z.muli(z).mean(1).toDoubleVector();
    }
}
