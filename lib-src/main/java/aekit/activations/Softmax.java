package aekit.activations;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Row-wise y_i = e^(z_i) / Σ_j e^(z_j): turns scores into class probabilities (the classifier on codes).
 * Not element-wise, so its backward uses the whole row: dz_i = y_i (dy_i − Σ_j dy_j y_j).
 */
public final class Softmax implements Activation {
    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        return Transforms.softmax(z, !inPlace);
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        INDArray dot = dy.mul(y).sum(true, 1);             // Σ_j dy_j y_j, one per row
        return dy.subColumnVector(dot).muli(y);
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable z) {
        return sd.nn().softmax(z, 1);
    }

    @Override
    public String name() {
        return "softmax";
    }
}
