package aekit.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A loss that ignores missing entries. A target entry that is NaN is "not observed": it adds nothing to the loss
 * and gets no gradient. With m the mask (1 where observed, 0 where the target is NaN) and ℓ the inner loss of one
 * entry:
 *
 * <pre>
 * L      = Σ m·ℓ(x̂, x) / Σ m          the mean over observed entries only
 * dL/dx̂ = m · ℓ′(x̂, x) / Σ m
 * </pre>
 *
 * Filling the gaps with 0 instead and using the plain loss teaches the model that missing means 0 — chapter 17
 * measures the difference. The inputs must still be numbers (fill the gaps there, e.g. with 0); only the
 * targets may hold NaN.
 */
public final class MaskedLoss implements Loss {
    private final Loss inner;

    public MaskedLoss(Loss inner) {
        if (inner instanceof MaskedLoss) throw new IllegalArgumentException("MaskedLoss of a MaskedLoss: mask once");
        this.inner = inner;
    }

    /** 1 where the target is a number, 0 where it is NaN. */
    public static INDArray observed(INDArray target) {
        return target.isNaN().castTo(target.dataType()).rsubi(1);
    }

    /** The inner loss of every entry, [N, D]: the inner loss's per-sample mean taken over one entry at a time. */
    private INDArray perEntry(INDArray prediction, INDArray filled) {
        long n = prediction.rows(), d = prediction.columns();
        return inner.perSample(prediction.reshape(n * d, 1), filled.reshape(n * d, 1)).reshape(n, d);
    }

    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        INDArray m = observed(target);
        INDArray sums = perEntry(prediction, filled(target)).muli(m).sum(true, 1);
        INDArray counts = m.sum(true, 1);
        return sums.divi(org.nd4j.linalg.ops.transforms.Transforms.max(counts, 1.0, false));   // a row with nothing observed scores 0
    }

    @Override
    public double value(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        INDArray m = observed(target);
        double count = m.sumNumber().doubleValue();
        if (count == 0) throw new IllegalArgumentException(name() + ": every target entry is NaN (missing); nothing to compare with");
        return perEntry(prediction, filled(target)).muli(m).sumNumber().doubleValue() / count;
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        INDArray m = observed(target);
        double count = Math.max(1, m.sumNumber().doubleValue());
        // the inner gradient is for a mean over all N·D entries: undo that, keep observed entries, divide by Σ m
        return inner.gradient(prediction, filled(target)).muli(m).muli(prediction.length() / count);
    }

    /** The target with its NaNs replaced by 0 (masked out afterwards; any number would do). */
    private static INDArray filled(INDArray target) {
        return target.dup().replaceWhere(Nd4j.zerosLike(target), new org.nd4j.linalg.indexing.conditions.IsNaN());
    }

    /** The inner loss's check; it skips NaN, the missing entries. */
    @Override
    public void checkTargets(INDArray target) {
        inner.checkTargets(target);
    }

    @Override
    public boolean acceptsMissingTargets() {
        return true;
    }

    @Override
    public String name() {
        return "masked " + inner.name();
    }
}
