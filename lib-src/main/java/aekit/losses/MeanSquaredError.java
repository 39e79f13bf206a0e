package aekit.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MSE: L = (1/ND) Σ (x̂ − x)²,  dL/dx̂ = 2(x̂ − x)/(ND).
 * Squares the error, so large errors dominate: sensitive to outliers (seed 003 §2.2).
 */
public final class MeanSquaredError implements Loss {
    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        INDArray diff = prediction.sub(target);
        return diff.muli(diff).mean(true, 1);
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        return prediction.sub(target).muli(2.0 / prediction.length());
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable prediction, SDVariable target) {
        SDVariable d = prediction.sub(target);
        return d.mul(d).mean();
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public boolean isMeanOverRows() {
        return true;
    }
}
