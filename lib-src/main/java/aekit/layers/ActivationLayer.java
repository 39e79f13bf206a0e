package aekit.layers;

import aekit.activations.Activation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies an {@link Activation} after a Dense layer: y = f(z). It keeps y for the backward pass, and z — the
 * <i>logits</i> when this is the output layer — for a loss that can start from them (sigmoid + cross-entropy).
 */
public final class ActivationLayer extends Layer {
    public final Activation activation;
    private INDArray z;
    private INDArray y;
    private INDArray yBuffer;        // y while training, reused from batch to batch
    private INDArray dz;             // dL/dz, reused likewise

    public ActivationLayer(Activation activation) {
        super(activation.name());
        this.activation = activation;
    }

    @Override
    public INDArray forward(INDArray z, boolean training) {
        this.z = z;                                                            // z stays: the logits
        if (!training || z.rank() != 2) return y = activation.forward(z, false);    // a new array the caller may keep
        yBuffer = reuse(yBuffer, z.rows(), z.columns(), z.dataType());
        return y = activation.forward(z, yBuffer);
    }

    @Override
    public INDArray backward(INDArray dy) {
        if (dy.rank() != 2) return activation.backward(y, dy);
        dz = reuse(dz, dy.rows(), dy.columns(), dy.dataType());
        return activation.backward(y, dy, dz);
    }

    /** The loss has already gone through f: {@code dz} is dL/dz, and it passes straight down. */
    @Override
    public INDArray backwardFromLogits(INDArray dz, boolean inputGradient) {
        return dz;
    }

    /** y = f(z) in SameDiff: the activation's own (see {@link Activation#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable z) {
        return activation.sameDiff(graph.sd(), z);
    }

    /** An activation has no weights: its twin is a second layer with the same f. */
    @Override
    public Layer twin() {
        ActivationLayer twin = new ActivationLayer(activation);
        twin.rename(name());
        return twin;
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
