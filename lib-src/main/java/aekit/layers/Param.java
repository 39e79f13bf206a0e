package aekit.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trainable array and the gradient of the loss with respect to it, side by side.
 * {@code isWeight} marks matrices that weight penalties apply to (biases are left alone).
 */
public final class Param {
    /** The short name inside its layer ("W", "b"). */
    public final String key;
    /** The full name, e.g. {@code encoder.dense1.W}; set when the layer is named. */
    public String name;
    public final boolean isWeight;
    public INDArray value;
    public INDArray grad;

    public Param(String key, INDArray value, boolean isWeight) {
        this.key = key;
        this.name = key;
        this.value = value;
        this.grad = value.ulike();
        this.isWeight = isWeight;
    }

    /**
     * The same value array with a gradient of its own: what a layer's {@link Layer#twin()} holds, so that two halves
     * of a batch can add into two gradients at once, each on its own core, and the trainer sums them after.
     */
    public Param twin() {
        Param twin = new Param(key, value, isWeight);
        twin.name = name;
        return twin;
    }

    /** Backward passes add into {@code grad}; a training step starts by zeroing it. */
    public void zeroGrad() {
        aekit.fast.OffHeap.zero(grad);
    }

    /** Switches value and gradient to another float type (the gradient checker uses DOUBLE). */
    public void castTo(DataType type) {
        if (value.dataType() == type) return;
        value = value.castTo(type);
        grad = value.ulike();
    }

    public long size() {
        return value.length();
    }
}
