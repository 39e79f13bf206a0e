package aekit.layers;

import aekit.Kit;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout. In training each unit is kept with probability 1 − p and scaled by 1/(1 − p), so the
 * expected activation is unchanged; at inference the layer is the identity.
 *
 * <pre>
 * training:   m ~ Bernoulli(1 − p) / (1 − p),   y = x ⊙ m,   dx = dy ⊙ m
 * inference:  y = x
 * </pre>
 */
public final class Dropout extends Layer {
    private final double p;
    private final Random random;
    private INDArray mask;

    public Dropout(double p, long seed) {
        super("dropout");
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout rate p must be in [0, 1), got " + p);
        this.p = p;
        this.random = new Random(seed);
    }

    public Dropout(double p) {
        this(p, Kit.SEED);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        if (!training) {
            mask = null;            // inference: identity, so backward passes dy straight through
            return x.dup();
        }
        float keep = (float) (1.0 / (1.0 - p));
        float[] m = new float[(int) x.length()];
        for (int i = 0; i < m.length; i++) m[i] = random.nextDouble() < p ? 0f : keep;
        mask = Nd4j.create(m, x.shape(), 'c').castTo(x.dataType());
        return x.mul(mask);
    }

    @Override
    public INDArray backward(INDArray dy) {
        return mask == null ? dy.dup() : dy.mul(mask);
    }

    /** None: each row draws its own mask, so two halves would draw other masks than the batch in one piece. */
    @Override
    public Layer twin() {
        return null;
    }

    /** In inference, where the checks run, dropout is the identity. */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        return x;
    }

    /** The mask of the last training forward pass (1/(1−p) where kept, 0 where dropped). */
    public INDArray lastMask() {
        return mask;
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public String describe() {
        return "Dropout(p=" + p + ")";
    }
}
