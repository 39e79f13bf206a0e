package aekit.activations;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** y = z if z > 0 else α·z, f'(z) = 1 if z > 0 else α. Keeps a small gradient where ReLU would go silent. */
public final class LeakyReLU implements Activation {
    private final double alpha;

    public LeakyReLU(double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("LeakyReLU alpha must be in (0, 1), got " + alpha);
        this.alpha = alpha;
    }

    public LeakyReLU() {
        this(0.01);
    }

    @Override
    public INDArray forward(INDArray z, boolean inPlace) {
        return Transforms.leakyRelu(z, alpha, !inPlace);
    }

    @Override
    public INDArray backward(INDArray y, INDArray dy) {
        // [y > 0]·(1 − α) + α  is 1 where z > 0 and α elsewhere
        return Transforms.step(y, true).muli(1 - alpha).addi(alpha).muli(dy);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable z) {
        return sd.nn().leakyRelu(z, alpha);
    }

    @Override
    public String name() {
        return "leaky_relu(" + alpha + ")";
    }
}
