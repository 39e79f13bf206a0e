package aekit.activations;

import aekit.fast.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * y = σ(z) = 1 / (1 + e^(−z)), f'(z) = y(1 − y). Squashes to (0, 1): the output layer for pixels in [0, 1],
 * and the code layer for KL sparsity (which needs activations that read as probabilities).
 */
public final class Sigmoid implements Activation {
    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        if (!inPlace && Simd.handles(z)) return Simd.sigmoid(z);   // the same formula, a CPU register at a time
        return Transforms.sigmoid(z, !inPlace);
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        return y.rsub(1).muli(y).muli(dy);                 // dz = dy ⊙ y ⊙ (1 − y)
    }

    @Override
    public INDArray forward(INDArray z, INDArray out) {
        if (Simd.handles(z, out)) return Simd.sigmoid(z, out);
        return out.assign(forward(z, false));
    }

    @Override
    public String name() {
        return "sigmoid";
    }
}
