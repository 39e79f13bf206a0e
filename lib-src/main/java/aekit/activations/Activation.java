package aekit.activations;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise non-linearity y = f(z) and its backward pass dL/dz = dL/dy ⊙ f'(z).
 *
 * <p>Every derivative here is written through the output y (σ' = y(1−y), tanh' = 1−y², ReLU' = [y>0]),
 * so a layer only needs to keep y.
 */
public interface Activation {
    /** y = f(z); overwrites {@code z} when {@code inPlace}. */
    INDArray forward(INDArray z, boolean inPlace);

    /** dL/dz from y = f(z) and dL/dy. Returns a new array. */
    INDArray backward(INDArray y, INDArray dy);

    /**
     * y = f(z) written into {@code out}, an array of z's shape: the trainer reuses one per layer, so a training step
     * makes no new arrays. The activations the kit's models use (ReLU, sigmoid) write it directly.
     */
    default INDArray forward(INDArray z, INDArray out) {
        return out.assign(forward(z, false));
    }

    /** dL/dz written into {@code out}, an array of dy's shape. */
    default INDArray backward(INDArray y, INDArray dy, INDArray out) {
        return out.assign(backward(y, dy));
    }

    String name();

    /**
     * y = f(z) in ND4J's SameDiff operations: what {@link aekit.check.SameDiffCheck} differentiates to check
     * {@code backward}. An activation without one cannot be checked that way; the default says so, naming it.
     */
    default SDVariable sameDiff(SameDiff sd, SDVariable z) {
        throw new UnsupportedOperationException("activation " + name() + " has no SameDiff equivalent: override "
                + "Activation.sameDiff(SameDiff, SDVariable) with f in SameDiff's operations (CONTRIBUTING.md)");
    }
}
