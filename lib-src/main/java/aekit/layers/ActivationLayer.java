package aekit.layers;

import aekit.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies an {@link Activation} after a Dense layer: y = f(z). It keeps y for the backward pass, and z — the
 * <i>logits</i> when this is the output layer — for a loss that can start from them (sigmoid + cross-entropy).
 */
public final class ActivationLayer extends Layer {
    public final Activation activation;
    private INDArray z;
    private INDArray y;

    public ActivationLayer(Activation activation) {
        super(activation.name());
        this.activation = activation;
    }

    @Override
    public INDArray forward(INDArray z, boolean training) {
        this.z = z;
        y = activation.forward(z, false);   // a new array (in training, carved from the batch's workspace): z stays
        return y;
    }

    @Override
    public INDArray backward(INDArray dy) {
        return activation.backward(y, dy);
    }

    /** The loss has already gone through f: {@code dz} is dL/dz, and it passes straight down. */
    @Override
    public INDArray backwardFromLogits(INDArray dz, boolean inputGradient) {
        return dz;
    }

    /** z of the last forward pass: the input of f. */
    public INDArray logits() {
        return z;
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
