package aekit.losses;

import aekit.fast.OffHeap;
import aekit.fast.Simd;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 *
 * <p>The same shortcut works for the value. Since 1 − x̂ = e^(−z)·x̂, log(1 − x̂) = log x̂ − z, and
 * {@link #valueFromLogits} needs one logarithm instead of two, no clipping, and no sigmoid backward pass. The
 * trainer takes both shortcuts whenever the model ends in a sigmoid, as Keras does.
 */
public final class BinaryCrossEntropy implements Loss {
    public static final double EPSILON = 1e-7;
    private static final BinaryCrossEntropy BCE = new BinaryCrossEntropy();

    /** Targets are probabilities: outside [0, 1] the "loss" can go below 0 and training chases it without bound. */
    @Override
    public void checkTargets(INDArray target) {
        Loss.requireUnitInterval(this, target);
    }

    @Override
    public INDArray perSample(INDArray prediction, INDArray target) {
        return logLikelihood(prediction, target).mean(true, 1).negi();
    }

    /** The same mean, summed in one pass over all N·D elements. */
    @Override
    public double value(INDArray prediction, INDArray target) {
        return -logLikelihood(prediction, target).sumNumber().doubleValue() / prediction.length();
    }

    /**
     * L from the logits z, where x̂ = σ(z) — exact, with one logarithm:
     *
     * <pre>
     * L = (1/ND) Σ [ (1 − x)·z − log x̂ ]          because log(1 − x̂) = log x̂ − z
     * </pre>
     *
     * In float32 x̂ underflows to 0 once z is below about −88 (a very sure "black pixel"); log x̂ is then −∞,
     * and this falls back to the form that cannot overflow, L = (1/ND) Σ [ max(z, 0) − x·z + log(1 + e^(−|z|)) ]
     * (TensorFlow's). Neither form clips, so a saturated output costs its true loss. The trainer's fast path: it has
     * checked the targets once before training, so this does not check them again.
     */
    public double valueFromLogits(INDArray logits, INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, logits, target);
        Loss.requireSameShape(this, prediction, target);
        INDArray z = contiguous(logits), x = contiguous(target), p = contiguous(prediction);
        double sum;
        if (Simd.handles(z, p, x)) {
            sum = Simd.bceFromLogitsSum(z, p, x);                                 // the same sum in one vectorised pass
        } else {
            double sumOneMinusXTimesZ = dot(x.rsub(1), z);                        // Σ (1 − x)·z
            // Each log x̂ ≤ 0, so Σ −log x̂ = Σ|log x̂|: BLAS's asum adds 200k floats ten times faster than ND4J's sum.
            sum = sumOneMinusXTimesZ + asum(Transforms.log(p, true));
        }
        if (!Double.isFinite(sum)) {
            INDArray softplusOfMinusAbsZ = Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false);
            sum = Transforms.relu(z, true).subi(x.mul(z)).addi(softplusOfMinusAbsZ).sumNumber().doubleValue();
        }
        return sum / prediction.length();
    }

    /** x·log x̂ + (1 − x)·log(1 − x̂) for every element, x̂ clipped. */
    private static INDArray logLikelihood(INDArray prediction, INDArray target) {
        Loss.requireSameShape(BCE, prediction, target);
        BCE.checkTargets(target);
        INDArray p = clip(prediction);
        INDArray logP = Transforms.log(p, true);
        INDArray log1mP = Transforms.log(p.rsubi(1), false);
        // x·log x̂ + (1 − x)·log(1 − x̂)  =  x·(log x̂ − log(1 − x̂)) + log(1 − x̂)
        return logP.subi(log1mP).muli(target).addi(log1mP);
    }

    @Override
    public INDArray gradient(INDArray prediction, INDArray target) {
        Loss.requireSameShape(this, prediction, target);
        checkTargets(target);
        INDArray p = clip(prediction);
        INDArray denominator = p.rsub(1).muli(p);                       // x̂(1 − x̂)
        return p.sub(target).divi(denominator).muli(1.0 / prediction.length());
    }

    /** dL/dz when x̂ = σ(z): (x̂ − x)/(ND). The sigmoid's derivative has cancelled the denominator. */
    public INDArray gradientWrtLogits(INDArray prediction, INDArray target) {
        return gradientWrtLogits(prediction, target, 1.0, prediction.ulike());
    }

    /**
     * {@code scale}·dL/dz written into {@code out}, an array of the prediction's shape: what the trainer uses, with
     * no new array, and with a half batch's share of the rows as the scale (see {@code Trainer.splitBatches}).
     */
    public INDArray gradientWrtLogits(INDArray prediction, INDArray target, double scale, INDArray out) {
        Loss.requireSameShape(this, prediction, target);
        if (Simd.handles(prediction, target, out)) return Simd.bceGradientWrtLogits(prediction, target, scale, out);   // the same, one pass
        return out.assign(prediction.sub(target).muli(scale / prediction.length()));             // scale·(x̂ − x)/(ND)
    }

    /**
     * {@link #valueFromLogits} and {@link #gradientWrtLogits(INDArray, INDArray, double, INDArray)} together: the same
     * two results, from one pass over z, x̂ and x where the vectorised loops apply (the trainer's hot path).
     */
    public double valueAndGradientFromLogits(INDArray logits, INDArray prediction, INDArray target, double scale, INDArray out) {
        Loss.requireSameShape(this, logits, target);
        Loss.requireSameShape(this, prediction, target);
        Loss.requireSameShape(this, out, target);
        if (Simd.handles(logits, prediction, target, out)) {
            double sum = Simd.bceFromLogitsSumAndGradient(logits, prediction, target, scale, out);
            if (Double.isFinite(sum)) return sum / prediction.length();
        }
        gradientWrtLogits(prediction, target, scale, out);
        return valueFromLogits(logits, prediction, target);                      // and the exact path when the sum is not finite
    }

    /** Σ|aᵢ| by BLAS. */
    private static double asum(INDArray a) {
        return Nd4j.getBlasWrapper().level1().asum(contiguous(a));
    }

    /** Σ aᵢ·bᵢ by BLAS. */
    private static double dot(INDArray a, INDArray b) {
        return Nd4j.getBlasWrapper().level1().dot(a.length(), 1.0, a, b);
    }

    /** BLAS reads the buffer as one run of numbers: views and transposes are copied first. */
    private static INDArray contiguous(INDArray a) {
        return OffHeap.isContiguous(a) && !a.isView() ? a : a.dup('c');
    }

    private static INDArray clip(INDArray p) {
        return Transforms.min(Transforms.max(p, EPSILON, true), 1 - EPSILON, false);
    }

    @Override
    public SDVariable sameDiff(SameDiff sd, SDVariable prediction, SDVariable target) {
        SDVariable c = sd.math().clipByValue(prediction, EPSILON, 1 - EPSILON);
        return target.mul(sd.math().log(c)).add(target.rsub(1).mul(sd.math().log(c.rsub(1)))).mean().neg();
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public boolean isMeanOverRows() {
        return true;
    }
}
