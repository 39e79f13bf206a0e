package aekit.activations;

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

    String name();
}
