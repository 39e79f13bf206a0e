package aekit.activations;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** y = z, f'(z) = 1. The activation of a linear autoencoder (chapter 7: a linear AE learns PCA's subspace). */
public final class Identity implements Activation {
    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        return inPlace ? z : z.dup();
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        return dy.dup();                                   // dz = dy · 1
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable z) {
        return z;
    }

    @Override
    public String name() {
        return "identity";
    }
}
