package aekit.regularizers;

import aekit.layers.MeanAndLogVariance;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The VAE's second loss term: how far each image's code distribution N(μ, diag σ²) is from the prior N(0, I),
 * averaged over the batch and weighted by w. On the encoder's output [μ | log σ²] ([N, 2k]):
 *
 * <pre>
 * KL_n      = −½ Σ_j (1 + log σ²_nj − μ_nj² − σ²_nj)       (closed form for two Gaussians)
 * Ω         = w · (1/N) Σ_n KL_n
 * dΩ/dμ     = w · μ / N
 * dΩ/dlog σ² = w · ½(σ² − 1) / N
 * </pre>
 *
 * KL_n is 0 exactly when μ = 0 and σ = 1, and grows when a code moves away from the origin (μ²) or its spread
 * shrinks or swells (σ² − log σ² − 1 ≥ 0).
 */
public final class GaussianKL implements CodePenalty {
    private final double weight;

    public GaussianKL(double weight) {
        this.weight = Strength.require("GaussianKL", "weight", weight);
    }

    /** KL_n for each row: a column [N, 1], in nats. */
    public static INDArray perImage(INDArray stats) {
        INDArray mu = MeanAndLogVariance.meanOf(stats);
        INDArray logVar = MeanAndLogVariance.logVarianceOf(stats);
        INDArray terms = logVar.add(1).subi(mu.mul(mu)).subi(Transforms.exp(logVar, true));   // 1 + log σ² − μ² − σ²
        return terms.sum(true, 1).muli(-0.5);
    }

    @Override
    public double value(INDArray stats) {
        return weight * perImage(stats).meanNumber().doubleValue();
    }

    @Override
    public INDArray gradient(INDArray stats) {
        double scale = weight / stats.rows();
        INDArray dMu = MeanAndLogVariance.meanOf(stats).mul(scale);                              // w·μ/N
        INDArray dLogVar = Transforms.exp(MeanAndLogVariance.logVarianceOf(stats), true).subi(1).muli(0.5 * scale);   // w·½(σ² − 1)/N
        return Nd4j.hstack(dMu, dLogVar);
    }

    public double weight() {
        return weight;
    }
}
