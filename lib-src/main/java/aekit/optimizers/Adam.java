package aekit.optimizers;

import aekit.Memory;
import aekit.fast.Simd;
import aekit.fast.TwoCores;
import aekit.layers.Param;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam: momentum on the gradient (m) and a per-weight step size from its running square (v).
 *
 * <pre>
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * w ← w − η_t · m / (√v + ε),   η_t = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ)   (bias correction folded into the step, as Keras does)
 * </pre>
 *
 * <p>{@link #update} writes the three lines once, as array operations on a whole parameter: the reference. For float32
 * weights (the kit's) the same three lines run in {@code aekit.fast} instead ({@link Simd#adam}): one pass over θ, a
 * register of floats at a time, where the array operations take nine (each a pass over memory, and libnd4j's √ alone
 * costs 5 ns a number on the kit's reference machine). The same float operations in the same order, so the same bits:
 * {@code FastLoopsTest} checks that they are. {@code Simd.use(false)} switches the fast path off.
 *
 * <p>Each weight's update reads only its own g, m, v and w, so θ can be cut in two and each half updated on its own
 * core: the trainer does that when a batch was split in two halves ({@link #step(Param, INDArray)}).
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<Param, Moments> moments = new IdentityHashMap<>();
    private long t;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = Optimizer.requireLearningRate("Adam", learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam: beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam: beta2 must be in [0, 1), got " + beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("Adam: epsilon must be > 0, got " + epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Keras's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-7. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adam() {
        this(1e-3);
    }

    @Override
    public void step(List<Param> params) {
        double stepSize = nextStepSize();
        for (Param p : params) {
            Moments s = momentsOf(p);
            if (fast(p, s, null)) fastUpdate(p, null, s, stepSize, 0, Math.toIntExact(p.size()));
            else update(p.value, p.grad, s, stepSize);
        }
    }

    /**
     * g = g₁ + g₂ and the step. On the fast path the first half of θ is updated on this thread and the second on the
     * other core; every weight goes through the same float operations as when the parts are added first.
     */
    @Override
    public void step(Param theta, INDArray secondPart) {
        double stepSize = nextStepSize();
        Moments s = momentsOf(theta);
        if (!fast(theta, s, secondPart)) {
            Optimizer.axpy(1.0, secondPart, theta.grad);                                   // g = g₁ + g₂
            update(theta.value, theta.grad, s, stepSize);
            return;
        }
        int n = Math.toIntExact(theta.size()), middle = n / 2;
        TwoCores.both(() -> fastUpdate(theta, secondPart, s, stepSize, 0, middle),
                      () -> fastUpdate(theta, secondPart, s, stepSize, middle, n));
    }

    /**
     * The three lines on whole arrays: w, its gradient g, and its m and v. β₁, β₂, ε and η_t are numbers of the weights'
     * own precision, as a loop in that precision would have them (in float32, 1 − β₁ is 1 − 0.9f, not 0.1f).
     */
    private void update(INDArray w, INDArray g, Moments s, double stepSize) {
        Number b1 = s.inPrecision(beta1), b2 = s.inPrecision(beta2), eps = s.inPrecision(epsilon), eta = s.inPrecision(stepSize);
        Number oneMinusB1 = s.oneMinus(beta1), oneMinusB2 = s.oneMinus(beta2);
        s.m.muli(b1).addi(g.mul(oneMinusB1));                                   // m ← β₁m + (1−β₁)g
        s.v.muli(b2).addi(g.mul(oneMinusB2).muli(g));                           // v ← β₂v + (1−β₂)g²
        w.subi(s.m.mul(eta).divi(Transforms.sqrt(s.v, true).addi(eps)));        // w ← w − η_t·m/(√v + ε)
    }

    /** Whether the vectorised loop of aekit.fast takes this step: float32 arrays, each one run of numbers. */
    private static boolean fast(Param p, Moments s, INDArray secondPart) {
        return Simd.handles(p.value, p.grad, s.m, s.v) && (secondPart == null || Simd.handles(secondPart));
    }

    /** {@link #update} for weights from … to−1, in aekit.fast (with a second part, g = g₁ + g₂ first). */
    private void fastUpdate(Param p, INDArray secondPart, Moments s, double stepSize, int from, int to) {
        Simd.adam(p.value, p.grad, secondPart, s.m, s.v, from, to, (float) beta1, (float) beta2, (float) epsilon, (float) stepSize);
    }

    /** t ← t + 1, and η_t for this step. */
    private double nextStepSize() {
        t++;
        return learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    }

    private Moments momentsOf(Param p) {
        Moments s = moments.get(p);
        if (s == null || !s.fits(p)) moments.put(p, s = new Moments(p));   // new, or cast to another type: start afresh
        return s;
    }

    /** m and v of one parameter, zeros of its shape and type to start with. */
    private static final class Moments {
        final INDArray m, v;
        private final boolean single;   // float32: the constants are rounded to float, and worked out in float

        Moments(Param p) {
            DataType type = p.value.dataType();
            if (type != DataType.FLOAT && type != DataType.DOUBLE) {
                throw new IllegalArgumentException("Adam: parameter " + p.name + " is " + type + "; cast the model to FLOAT or DOUBLE");
            }
            this.single = type == DataType.FLOAT;
            this.m = Memory.persistent(() -> Nd4j.zeros(type, p.value.shape()));
            this.v = Memory.persistent(() -> Nd4j.zeros(type, p.value.shape()));
        }

        boolean fits(Param p) {
            return p.value.dataType() == m.dataType() && p.size() == m.length();
        }

        Number inPrecision(double c) {
            return single ? (Number) (float) c : (Number) c;
        }

        Number oneMinus(double c) {
            return single ? (Number) (1 - (float) c) : (Number) (1 - c);
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String describe() {
        return "Adam(η=" + learningRate + ")";
    }
}
