package aekit.losses;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One loss for a row made of two views side by side, x = [x_a | x_b] (the {@link aekit.model.FusionAutoencoder}'s
 * input): each view gets the loss that suits its data, and the two are weighed.
 *
 * <pre>
 * L      = w_a · L_a(x̂_a, x_a) + w_b · L_b(x̂_b, x_b)
 * dL/dx̂ = [ w_a · dL_a/dx̂_a | w_b · dL_b/dx̂_b ]
 * </pre>
 *
 * For pixels in [0, 1] beside a z-scored table: BCE for the first, MSE for the second.
 */
public final class TwoViewLoss implements Loss {
    private final int widthA;
    private final Loss lossA;
    private final double weightA;
    private final Loss lossB;
    private final double weightB;

    public TwoViewLoss(int widthA, Loss lossA, double weightA, Loss lossB, double weightB) {
        if (widthA <= 0) throw new IllegalArgumentException("view a needs a positive width, got " + widthA);
        if (!(weightA >= 0) || !(weightB >= 0)) throw new IllegalArgumentException("view weights must be ≥ 0, got " + weightA + " and " + weightB);
        this.widthA = widthA;
        this.lossA = lossA;
        this.weightA = weightA;
        this.lossB = lossB;
        this.weightB = weightB;
    }

    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        return lossA.perSample(a(prediction), a(target)).muli(weightA).addi(lossB.perSample(b(prediction), b(target)).muli(weightB));
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        return Nd4j.hstack(lossA.gradient(a(prediction), a(target)).muli(weightA), lossB.gradient(b(prediction), b(target)).muli(weightB));
    }

    @Override
    public void checkTargets(INDArray target) {
        lossA.checkTargets(a(target));
        lossB.checkTargets(b(target));
    }

    /** The loss of view a alone, L_a (unweighted). */
    public double valueA(INDArray prediction, INDArray target) {
        return lossA.value(a(prediction), a(target));
    }

    /** The loss of view b alone, L_b (unweighted). */
    public double valueB(INDArray prediction, INDArray target) {
        return lossB.value(b(prediction), b(target));
    }

    private INDArray a(INDArray m) {
        requireWider(m);
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, widthA)).dup();
    }

    private INDArray b(INDArray m) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(widthA, m.columns())).dup();
    }

    private void requireWider(INDArray m) {
        if (m.columns() <= widthA) throw new IllegalArgumentException(name() + ": rows of width " + m.columns() + " have no room for a second view after " + widthA + " columns");
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "%.3g·%s + %.3g·%s", weightA, lossA.name(), weightB, lossB.name());
    }
}
