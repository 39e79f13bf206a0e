package aekit.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy for one-hot class targets y and softmax probabilities p (the classifier trained on codes):
 *
 * <pre>
 * L      = −(1/N) Σ_n Σ_k y_nk · log p_nk,   p clipped to [ε, 1]
 * dL/dp  = −(1/N) y / p
 * </pre>
 *
 * Unlike the reconstruction losses it averages over samples only: each row is one decision.
 */
public final class CategoricalCrossEntropy implements Loss {
    /** Targets are class probabilities (one-hot rows, usually). */
    @Override
    public void checkTargets(INDArray target) {
        Loss.requireUnitInterval(this, target);
    }

    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        checkTargets(target);
        INDArray logP = Transforms.log(Transforms.max(prediction, BinaryCrossEntropy.EPSILON, true), false);
        return logP.muli(target).sum(true, 1).negi();
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        checkTargets(target);
        INDArray p = Transforms.max(prediction, BinaryCrossEntropy.EPSILON, true);
        return target.div(p).muli(-1.0 / prediction.rows());
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable prediction, SDVariable target) {
        SDVariable logP = sd.math().log(sd.math().clipByValue(prediction, BinaryCrossEntropy.EPSILON, 1e30));
        return target.mul(logP).sum(1).mean().neg();
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public boolean isMeanOverRows() {
        return true;
    }
}
