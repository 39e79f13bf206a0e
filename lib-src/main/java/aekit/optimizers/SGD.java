package aekit.optimizers;

import aekit.layers.Param;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, with optional momentum μ and Nesterov's look-ahead:
 *
 * <pre>
 * plain:     w ← w − η·g
 * momentum:  v ← μ·v − η·g,   w ← w + v
 * Nesterov:  v ← μ·v − η·g,   w ← w + μ·v − η·g     (step from where momentum is about to take us)
 * </pre>
 */
public final class SGD implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final Map<Param, org.nd4j.linalg.api.ndarray.INDArray> velocity = new IdentityHashMap<>();

    public SGD(double learningRate, double momentum, boolean nesterov) {
        this.learningRate = Optimizer.requireLearningRate("SGD", learningRate);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("SGD: Nesterov needs a momentum > 0");
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public SGD(double learningRate) {
        this(learningRate, 0, false);
    }

    public SGD(double learningRate, double momentum) {
        this(learningRate, momentum, false);
    }

    @Override
    public void step(List<Param> params) {
        for (Param p : params) {
            if (momentum == 0) {
                Optimizer.axpy(-learningRate, p.grad, p.value);                        // w ← w − η·g
                continue;
            }
            var v = velocity.computeIfAbsent(p, k -> aekit.Memory.persistent(() -> k.value.ulike().assign(0)));
            v.muli(momentum).subi(p.grad.mul(learningRate));                           // v ← μ·v − η·g
            if (nesterov) p.value.addi(v.mul(momentum)).subi(p.grad.mul(learningRate)); // w ← w + μ·v − η·g
            else p.value.addi(v);                                                      // w ← w + v
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String describe() {
        if (momentum == 0) return "SGD(η=" + learningRate + ")";
        return (nesterov ? "Nesterov" : "Momentum") + "(η=" + learningRate + ", μ=" + momentum + ")";
    }
}
