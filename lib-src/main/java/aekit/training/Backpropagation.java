package aekit.training;

import aekit.Memory;
import aekit.activations.Sigmoid;
import aekit.layers.ActivationLayer;
import aekit.layers.Layer;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.Loss;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch (or one half of it, see {@link Halves}) through one network, the three steps of the training loop that
 * compute the gradient:
 *
 * <pre>
 * x̂ = network.forward(x)          forward pass
 * L  = loss(x̂, target)            how far off we are
 * network.backward(dL/dx̂)         backpropagation adds dL/dθ into every Param.grad
 * </pre>
 *
 * <p>When the network ends in a sigmoid and the loss is binary cross-entropy, the loss starts from the logits z (the
 * sigmoid's input), as Keras does: the sigmoid's derivative cancels BCE's denominator, so g = dL/dz = (x̂ − x)/ND and
 * backpropagation starts below the sigmoid (see {@link BinaryCrossEntropy}). Same gradient, a third of the element-wise
 * work; the loss and g come out of one pass over the numbers. {@link Trainer#logitsShortcut(boolean)} switches it off.
 */
final class Backpropagation {
    private final Layer network;
    private final Loss loss;
    private final ActivationLayer sigmoidOutput;   // the network's output layer when the logits shortcut applies, else null
    private INDArray logitGradient;                // dL/dz, reused batch to batch: the hot path makes no new arrays

    Backpropagation(Layer network, Loss loss, boolean logitsShortcut) {
        this.network = network;
        this.loss = loss;
        this.sigmoidOutput = logitsShortcut && loss instanceof BinaryCrossEntropy && network.lastLayer() instanceof ActivationLayer output
                && output.activation instanceof Sigmoid ? output : null;
    }

    /**
     * Forward pass, loss, backpropagation. Returns the loss (the mean over x's rows); the gradients it adds are
     * {@code share} times its own, share being x's part of the batch (1 for a whole batch).
     */
    double lossAndGradients(INDArray x, INDArray target, double share) {
        INDArray prediction = network.forward(x, true);                                  // forward pass
        if (sigmoidOutput == null) {
            double value = loss.value(prediction, target);                                // loss
            INDArray gradient = loss.gradient(prediction, target);                        // dL/dx̂
            network.backward(share == 1.0 ? gradient : gradient.muli(share), false);     // backpropagation (no one reads dL/dx of the data)
            return value;
        }
        if (logitGradient == null || !Arrays.equals(logitGradient.shape(), prediction.shape()) || logitGradient.dataType() != prediction.dataType()) {
            logitGradient = Memory.persistent(() -> Nd4j.createUninitialized(prediction.dataType(), prediction.shape()));
        }
        BinaryCrossEntropy bce = (BinaryCrossEntropy) loss;
        double value = bce.valueAndGradientFromLogits(sigmoidOutput.logits(), prediction, target, share, logitGradient);   // one pass
        network.backwardFromLogits(logitGradient, false);
        return value;
    }

    /** The loss of a prediction the network has just made, as training computes it (from the logits, when it can). */
    double loss(INDArray prediction, INDArray target) {
        return sigmoidOutput == null ? loss.value(prediction, target)
                                     : ((BinaryCrossEntropy) loss).valueFromLogits(sigmoidOutput.logits(), prediction, target);
    }
}
