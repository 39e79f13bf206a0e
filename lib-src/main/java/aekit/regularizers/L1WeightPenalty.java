package aekit.regularizers;

import aekit.layers.Param;
import java.util.List;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Ω = λ Σ |W|,  dΩ/dW = λ·sign(W): a constant pull to zero that drives small weights exactly to zero. */
public final class L1WeightPenalty implements WeightPenalty {
    private final double lambda;

    public L1WeightPenalty(double lambda) {
        this.lambda = Strength.require("L1WeightPenalty", "lambda", lambda);
    }

    @Override
    public double value(List<Param> params) {
        double sum = 0;
        for (Param p : params) if (p.isWeight) sum += p.value.norm1Number().doubleValue();
        return lambda * sum;
    }

    @Override
    public void addGradient(List<Param> params) {
        for (Param p : params) if (p.isWeight) p.grad.addi(Transforms.sign(p.value, true).muli(lambda));
    }
}
