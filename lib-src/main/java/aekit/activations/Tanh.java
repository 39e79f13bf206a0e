package aekit.activations;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** y = tanh(z), f'(z) = 1 − y². Zero-centred, saturates at ±1. */
public final class Tanh implements Activation {
    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        return Transforms.tanh(z, !inPlace);
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        return y.mul(y).rsubi(1).muli(dy);                 // dz = dy ⊙ (1 − y²)
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable z) {
        return sd.math().tanh(z);
    }

    @Override
    public String name() {
        return "tanh";
    }
}
