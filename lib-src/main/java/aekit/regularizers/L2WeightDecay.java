package aekit.regularizers;

import aekit.layers.Param;
import java.util.List;

/** Ω = (λ/2) Σ W²,  dΩ/dW = λW: pulls every weight towards zero in proportion to its size. */
public final class L2WeightDecay implements WeightPenalty {
    private final double lambda;

    public L2WeightDecay(double lambda) {
        this.lambda = Strength.require("L2WeightDecay", "lambda", lambda);
    }

    @Override
    public double value(List<Param> params) {
        double sum = 0;
        for (Param p : params) if (p.isWeight) sum += p.value.mul(p.value).sumNumber().doubleValue();
        return 0.5 * lambda * sum;
    }

    @Override
    public void addGradient(List<Param> params) {
        for (Param p : params) if (p.isWeight) p.grad.addi(p.value.mul(lambda));
    }
}
