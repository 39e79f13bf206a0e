package aekit.layers;

import aekit.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Applies an {@link Activation} after a Dense layer and keeps its output y for the backward pass. */
public final class ActivationLayer extends Layer {
    public final Activation activation;
    private INDArray y;

    public ActivationLayer(Activation activation) {
        super(activation.name());
        this.activation = activation;
    }

    @Override
    public INDArray forward(INDArray z, boolean training) {
        // In training the Dense output below is a private buffer, so overwriting it is safe and saves a copy.
        y = activation.forward(z, training);
        return y;
    }

    @Override
    public INDArray backward(INDArray dy) {
        return activation.backward(y, dy);
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public String describe() {
        return activation.name();
    }
}
