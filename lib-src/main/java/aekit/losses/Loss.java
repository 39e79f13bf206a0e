package aekit.losses;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A reconstruction loss L(x̂, x) averaged over every element of the batch (N samples × D features),
 * as Keras does, and its gradient dL/dx̂.
 */
public interface Loss {
    /** The loss of each sample: a column [N, 1], each entry the mean over that sample's D features. */
    INDArray perSample(INDArray prediction, INDArray target);

    /** dL/dx̂ for L = mean over all N·D elements. Same shape as the prediction. */
    INDArray gradient(INDArray prediction, INDArray target);

    String name();

    /**
     * Whether the loss of a batch is the mean of its rows' losses, each row weighing the same. Then a batch split in
     * two halves has L = (n₁·L₁ + n₂·L₂)/n and dL = (n₁/n)·dL₁ + (n₂/n)·dL₂, which is how the trainer runs the halves on
     * two cores. Not so for a loss that counts only some entries ({@link MaskedLoss}).
     */
    default boolean isMeanOverRows() {
        return false;
    }

    /** Whether NaN in the target means "missing" to this loss ({@link MaskedLoss}); for every other loss NaN is an error. */
    default boolean acceptsMissingTargets() {
        return false;
    }

    /**
     * Fails, naming the range found and the fix, if this loss cannot learn from these targets. Every loss takes any
     * finite target except the cross-entropies, which read targets as probabilities and need them in [0, 1]: outside
     * it, their "loss" goes negative and training chases it without bound. The trainer asks once, before training.
     */
    default void checkTargets(INDArray target) {}

    /**
     * L in ND4J's SameDiff operations, from the prediction and the target: what {@link aekit.check.SameDiffCheck}
     * differentiates to check {@code gradient}. A loss without one cannot be checked that way; the default says so.
     */
    default SDVariable sameDiff(SameDiff sd, SDVariable prediction, SDVariable target) {
        throw new UnsupportedOperationException("loss " + name() + " has no SameDiff equivalent: override "
                + "Loss.sameDiff(SameDiff, SDVariable, SDVariable) with L in SameDiff's operations (CONTRIBUTING.md)");
    }

    /** L = mean over all N·D elements = mean of {@link #perSample}. */
    default double value(INDArray prediction, INDArray target) {
        return perSample(prediction, target).meanNumber().doubleValue();
    }

    /** The check of {@link #checkTargets} for a loss whose targets are probabilities (NaN, a missing target, is skipped). */
    static void requireUnitInterval(Loss loss, INDArray target) {
        if (target == null) throw new IllegalArgumentException(loss.name() + ": the target is null");
        if (target.isEmpty()) return;
        double min = target.minNumber().doubleValue(), max = target.maxNumber().doubleValue();
        if (min >= 0 && max <= 1) return;
        if (Double.isNaN(min) || Double.isNaN(max)) {   // ND4J's min and max are NaN if any element is: look past them
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            for (double v : target.dup().data().asDouble()) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (min >= 0 && max <= 1 || min > max) return;
        }
        String fix = min >= 0 && max <= 255
                ? "Pixels in 0…255? Divide them by 255, or scale with Scaler.minMax(train)."
                : "Rescale them with Scaler.minMax(train), or use a loss for targets of any range (MSE, MAE).";
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "%s needs targets in [0, 1] (it reads them as probabilities), but these run from %s to %s. %s",
                loss.name(), shortNumber(min), shortNumber(max), fix));
    }

    private static String shortNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    /** Fails, naming the loss and both shapes, unless prediction and target have the same shape. */
    static void requireSameShape(Loss loss, INDArray prediction, INDArray target) {
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException(String.format("%s: prediction shape %s and target shape %s differ",
                    loss.name(), Arrays.toString(prediction.shape()), Arrays.toString(target.shape())));
        }
    }
}
