package aekit.activations;

import aekit.fast.Simd;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * y = max(0, z), f'(z) = 1 if z > 0 else 0 (and z > 0 exactly when y > 0).
 *
 * <p>On float32 arrays both passes run in {@code aekit.fast} ({@link Simd#relu}, {@link Simd#reluBackward}): one pass
 * over the numbers each, where ND4J's backward takes two (step, then multiply); the same numbers bit for bit
 * ({@code SplitBatchesTest}, {@code FastLoopsTest}). {@code Simd.use(false)} switches them off.
 */
public final class ReLU implements Activation {
    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        return Transforms.relu(z, !inPlace);                             // y = max(0, z)
    }

    @Override
    public INDArray forward(INDArray z, INDArray out) {
        if (Simd.handles(z, out)) return Simd.relu(z, out);              // the fast path, tested equal
        return out.assign(forward(z, false));
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        return backward(y, dy, dy.ulike());
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy, INDArray out) {
        if (Simd.handles(y, dy, out)) return Simd.reluBackward(y, dy, out);   // the fast path, tested equal
        return out.assign(Transforms.step(y, true).muli(dy));            // dz = dy ⊙ [y > 0]
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable z) {
        return sd.nn().relu(z, 0);
    }

    @Override
    public String name() {
        return "relu";
    }
}
