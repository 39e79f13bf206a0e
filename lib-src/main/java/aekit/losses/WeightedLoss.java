package aekit.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seed 000 §1.3.3's composite: L = α·L₁ + (1 − α)·L₂, with gradient α·dL₁ + (1 − α)·dL₂.
 *
 * <p>What it can mean: a blend of two reconstruction losses on the same output (e.g. α·MAE + (1−α)·MSE,
 * robust yet smooth). What it cannot mean: the seed's "encoder loss" — the code has no target to be
 * compared with, so there is no reconstruction error "in the hidden layer". Chapter 4 tries both in code.
 */
public final class WeightedLoss implements Loss {
    private final double alpha;
    private final Loss first;
    private final Loss second;

    public WeightedLoss(double alpha, Loss first, Loss second) {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("WeightedLoss alpha must be in [0, 1], got " + alpha);
        this.alpha = alpha;
        this.first = first;
        this.second = second;
    }

    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        return first.perSample(prediction, target).muli(alpha).addi(second.perSample(prediction, target).muli(1 - alpha));
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        return first.gradient(prediction, target).muli(alpha).addi(second.gradient(prediction, target).muli(1 - alpha));
    }

    @Override
    public void checkTargets(INDArray target) {
        first.checkTargets(target);
        second.checkTargets(target);
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable prediction, SDVariable target) {
        return first.sameDiff(sd, prediction, target).mul(alpha).add(second.sameDiff(sd, prediction, target).mul(1 - alpha));
    }

    @Override
    public String name() {
        return alpha + "·" + first.name() + " + " + (1 - alpha) + "·" + second.name();
    }

    @Override
    public boolean isMeanOverRows() {
        return first.isMeanOverRows() && second.isMeanOverRows();
    }
}
