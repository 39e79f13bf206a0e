package aekit.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * MAE: L = (1/ND) Σ |x̂ − x|,  dL/dx̂ = sign(x̂ − x)/(ND).
 * Every error pulls with the same force, however large: robust to a few corrupted values (seed 003 §2.2).
 */
public final class MeanAbsoluteError implements Loss {
    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        return Transforms.abs(prediction.sub(target), false).mean(true, 1);
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        return Transforms.sign(prediction.sub(target), false).muli(1.0 / prediction.length());
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable prediction, SDVariable target) {
        return sd.math().abs(prediction.sub(target)).mean();
    }

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public boolean isMeanOverRows() {
        return true;
    }
}
