package aekit.activations;

import aekit.fast.Simd;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * y = σ(z) = 1 / (1 + e^(−z)), f'(z) = y(1 − y). Squashes to (0, 1): the output layer for pixels in [0, 1],
 * and the code layer for KL sparsity (which needs activations that read as probabilities).
 *
 * <p>On float32 arrays the forward pass runs in {@code aekit.fast} ({@link Simd#sigmoid}): the same formula a CPU
 * register at a time, equal to ND4J's to float rounding ({@code FastLoopsTest}); {@code Simd.use(false)} switches it off.
 */
public final class Sigmoid implements Activation {
    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        return inPlace ? Transforms.sigmoid(z, false) : forward(z, z.ulike());
    }

    @Override
    public INDArray forward(INDArray z, INDArray out) {
        if (Simd.handles(z, out)) return Simd.sigmoid(z, out);          // the fast path, tested equal
        return out.assign(Transforms.sigmoid(z, true));                  // y = 1 / (1 + e^(−z))
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        return y.rsub(1).muli(y).muli(dy);                               // dz = dy ⊙ y ⊙ (1 − y)
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable z) {
        return sd.nn().sigmoid(z);
    }

    @Override
    public String name() {
        return "sigmoid";
    }
}
