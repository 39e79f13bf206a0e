package aekit.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A reconstruction loss L(x̂, x) averaged over every element of the batch (N samples × D features),
 * as Keras does, and its gradient dL/dx̂.
 */
public interface Loss {
    /** The loss of each sample: a column [N, 1], each entry the mean over that sample's D features. */
    INDArray perSample(INDArray prediction, INDArray target);

    /** dL/dx̂ for L = mean over all N·D elements. Same shape as the prediction. */
    INDArray gradient(INDArray prediction, INDArray target);

    String name();

    /** Whether NaN in the target means "missing" to this loss ({@link MaskedLoss}); for every other loss NaN is an error. */
    default boolean acceptsMissingTargets() {
        return false;
    }

    /** L = mean over all N·D elements = mean of {@link #perSample}. */
    default double value(INDArray prediction, INDArray target) {
        return perSample(prediction, target).meanNumber().doubleValue();
    }

    /** Fails, naming the loss and both shapes, unless prediction and target have the same shape. */
    static void requireSameShape(Loss loss, INDArray prediction, INDArray target) {
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException(String.format("%s: prediction shape %s and target shape %s differ",
                    loss.name(), Arrays.toString(prediction.shape()), Arrays.toString(target.shape())));
        }
    }
}
