package aekit.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Ω = (λ/N) Σ_n Σ_j |h_nj|,  dΩ/dh = (λ/N)·sign(h): few code units active per sample. */
public final class L1ActivitySparsity implements CodePenalty {
    private final double lambda;

    public L1ActivitySparsity(double lambda) {
        this.lambda = Strength.require("L1ActivitySparsity", "lambda", lambda);
    }

    @Override
    public double value(INDArray code) {
        return lambda * code.norm1Number().doubleValue() / code.rows();
    }

    @Override
    public INDArray gradient(INDArray code) {
        return Transforms.sign(code, true).muli(lambda / code.rows());
    }
}
