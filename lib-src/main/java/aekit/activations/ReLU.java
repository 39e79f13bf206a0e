package aekit.activations;

import aekit.fast.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** y = max(0, z), f'(z) = 1 if z > 0 else 0 (and z > 0 exactly when y > 0). */
public final class ReLU implements Activation {
    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        return Transforms.relu(z, !inPlace);
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        if (Simd.handles(y, dy)) return Simd.reluBackward(y, dy);   // the same, in one vectorised pass
        return Transforms.step(y, true).muli(dy);                // dz = dy ⊙ [y > 0]
    }

    @Override
    public INDArray forward(INDArray z, INDArray out) {
        if (Simd.handles(z, out)) return Simd.relu(z, out);
        return out.assign(forward(z, false));
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy, INDArray out) {
        if (Simd.handles(y, dy, out)) return Simd.reluBackward(y, dy, out);
        return out.assign(backward(y, dy));
    }

    @Override
    public String name() {
        return "relu";
    }
}
