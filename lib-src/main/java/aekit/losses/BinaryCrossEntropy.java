package aekit.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy for targets in [0, 1] (pixel intensities read as probabilities):
 *
 * <pre>
 * L      = −(1/ND) Σ [ x·log x̂ + (1 − x)·log(1 − x̂) ],   x̂ clipped to [ε, 1 − ε], ε = 1e-7
 * dL/dx̂ =  (1/ND) (x̂ − x) / (x̂(1 − x̂))
 * </pre>
 *
 * <p>Why sigmoid + BCE gives the simple gradient x̂ − x: if x̂ = σ(z) then dx̂/dz = x̂(1 − x̂), which cancels the
 * denominator above, so dL/dz = (x̂ − x)/(ND). No division, no blow-up when x̂ saturates near 0 or 1 — this is
 * why the pairing is the standard choice, and {@link #gradientWrtLogits} uses it directly.
 *
 * <p>Numerical stability: log(0) = −∞, so x̂ is clipped to [ε, 1 − ε] before the logarithm (as Keras does);
 * a saturated output then costs at most −log ε ≈ 16 per element instead of an infinite loss.
 */
public final class BinaryCrossEntropy implements Loss {
    public static final double EPSILON = 1e-7;
    private static final BinaryCrossEntropy BCE = new BinaryCrossEntropy();

    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        return logLikelihood(prediction, target).mean(true, 1).negi();
    }

    /** The same mean, summed in one pass over all N·D elements (the trainer calls this every batch). */
    @Override
    public double value(INDArray prediction, INDArray target) {
        return -logLikelihood(prediction, target).sumNumber().doubleValue() / prediction.length();
    }

    /** x·log x̂ + (1 − x)·log(1 − x̂) for every element, x̂ clipped. */
    private static INDArray logLikelihood(INDArray prediction, INDArray target) {
        Loss.requireSameShape(BCE, prediction, target);
        INDArray p = clip(prediction);
        INDArray logP = Transforms.log(p, true);
        INDArray log1mP = Transforms.log(p.rsubi(1), false);
        // x·log x̂ + (1 − x)·log(1 − x̂)  =  x·(log x̂ − log(1 − x̂)) + log(1 − x̂)
        return logP.subi(log1mP).muli(target).addi(log1mP);
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        INDArray p = clip(prediction);
        INDArray denominator = p.rsub(1).muli(p);                       // x̂(1 − x̂)
        return p.sub(target).divi(denominator).muli(1.0 / prediction.length());
    }

    /** dL/dz when x̂ = σ(z): (x̂ − x)/(ND). The sigmoid's derivative has cancelled the denominator. */
    public INDArray gradientWrtLogits(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        return prediction.sub(target).muli(1.0 / prediction.length());
    }

    private static INDArray clip(INDArray p) {
        return Transforms.min(Transforms.max(p, EPSILON, true), 1 - EPSILON, false);
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }
}
