package aekit.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The sparse autoencoder's KL penalty. With ρ̂_j = (1/N) Σ_n h_nj the mean activation of code unit j (h in (0, 1),
 * so use a sigmoid code layer) and ρ the target:
 *
 * <pre>
 * Ω       = β Σ_j [ ρ·log(ρ/ρ̂_j) + (1 − ρ)·log((1 − ρ)/(1 − ρ̂_j)) ]
 * dΩ/dh_nj = (β/N) [ −ρ/ρ̂_j + (1 − ρ)/(1 − ρ̂_j) ]
 * </pre>
 */
public final class KLSparsity implements CodePenalty {
    private static final double CLIP = 1e-7;
    private final double rho;
    private final double beta;

    public KLSparsity(double rho, double beta) {
        if (!(rho > 0 && rho < 1)) throw new IllegalArgumentException("KLSparsity target rho must be in (0, 1), got " + rho);
        this.rho = rho;
        this.beta = Strength.require("KLSparsity", "beta", beta);
    }

    private INDArray meanActivation(INDArray code) {
        INDArray mean = code.mean(true, 0);
        if (code.minNumber().doubleValue() < 0 || code.maxNumber().doubleValue() > 1) {
            throw new IllegalArgumentException("KLSparsity needs code activations in [0, 1] (a sigmoid code layer), got range ["
                    + code.minNumber() + ", " + code.maxNumber() + "]");
        }
        return Transforms.min(Transforms.max(mean, CLIP, false), 1 - CLIP, false);
    }

    @Override
    public double value(INDArray code) {
        INDArray r = meanActivation(code);
        INDArray a = Transforms.log(r.rdiv(rho), false).muli(rho);                   // ρ log(ρ/ρ̂)
        INDArray b = Transforms.log(r.rsub(1).rdivi(1 - rho), false).muli(1 - rho);  // (1−ρ) log((1−ρ)/(1−ρ̂))
        return beta * a.addi(b).sumNumber().doubleValue();
    }

    @Override
    public INDArray gradient(INDArray code) {
        INDArray r = meanActivation(code);
        INDArray g = r.rdiv(-rho).addi(r.rsub(1).rdivi(1 - rho)).muli(beta / code.rows());   // one row [1, units]
        return code.ulike().assign(0).addiRowVector(g);
    }
}
