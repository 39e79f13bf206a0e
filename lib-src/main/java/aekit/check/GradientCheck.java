package aekit.check;

import aekit.Kit;
import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.losses.Loss;
import aekit.regularizers.WeightPenalty;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks backpropagation against the definition of a derivative. For a parameter θ_i (and for each input
 * x_i), with f = loss(model(x), target) + penalties:
 *
 * <pre>
 * D(ε)      = ( f(θ + ε·e_i) − f(θ − ε·e_i) ) / 2ε      the central difference
 * numeric_i = ( 4·D(ε) − D(2ε) ) / 3                     two of them combined: the five-point stencil
 * relative error = |analytic_i − numeric_i| / max(|analytic_i| + |numeric_i|, 1e-10)
 * </pre>
 *
 * Why not D(ε) alone: its error is about ε²·f‴/6 plus a round-off of about 1e-16·|f|/ε. For a gradient
 * entry near 1e-6 that round-off alone exceeds a relative 1e-6 at any ε. Combining D(ε) and D(2ε) cancels
 * the ε² term, so a larger ε = 1e-4 can be used and the round-off falls a hundredfold. Runs in double
 * precision (the model is cast to DOUBLE while checking and back afterwards) and in inference mode
 * (dropout off).
 */
public final class GradientCheck {
    public static final double EPSILON = 1e-4;

    private GradientCheck() {}

    /** Checks every element of every parameter and of the input. */
    public static GradientReport check(Layer model, Loss loss, INDArray x, INDArray target) {
        return check(model, loss, null, x, target, Integer.MAX_VALUE);
    }

    /**
     * @param penalty     an optional weight penalty added to the loss (null for none)
     * @param maxPerArray check at most this many elements per array, chosen with the kit's seed
     */
    public static GradientReport check(Layer model, Loss loss, WeightPenalty penalty, INDArray x, INDArray target, int maxPerArray) {
        return Precision.inDouble(model, () -> {
            INDArray xd = x.castTo(DataType.DOUBLE).dup();
            INDArray td = target.castTo(DataType.DOUBLE);
            Objective f = () -> objective(model, loss, penalty, xd, td);

            List<Param> params = model.params();
            for (Param p : params) p.zeroGrad();
            INDArray prediction = model.forward(xd, false);
            INDArray dx = model.backward(loss.gradient(prediction, td)).dup();
            if (penalty != null) penalty.addGradient(params);

            List<GradientReport.Row> rows = new ArrayList<>();
            Random pick = new Random(Kit.SEED);
            for (Param p : params) rows.add(compare(p.name, p.value, p.grad.dup(), f, maxPerArray, pick));
            rows.add(compare("input x", xd, dx, f, maxPerArray, pick));
            return new GradientReport("finite differences", rows);
        });
    }

    private interface Objective {
        double value();
    }

    private static double objective(Layer model, Loss loss, WeightPenalty penalty, INDArray x, INDArray target) {
        double value = loss.value(model.forward(x, false), target);
        value += model.penaltyValue();
        if (penalty != null) value += penalty.value(model.params());
        return value;
    }

    private static GradientReport.Row compare(String name, INDArray values, INDArray analytic, Objective f, int max, Random pick) {
        long n = values.length();
        long[] indices = pickIndices(n, max, pick);
        INDArray flatValues = values.reshape(n);     // a view: writing it moves the real parameter
        INDArray flatAnalytic = analytic.reshape(n);
        double worst = 0;
        for (long i : indices) {
            double numeric = (4 * centralDifference(flatValues, i, EPSILON, f) - centralDifference(flatValues, i, 2 * EPSILON, f)) / 3;
            double a = flatAnalytic.getDouble(i);
            worst = Math.max(worst, Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-10));
        }
        return new GradientReport.Row(name, indices.length, worst);
    }

    /** D(ε) = (f(θ + ε) − f(θ − ε)) / 2ε for element i, leaving θ as it was. */
    private static double centralDifference(INDArray flat, long i, double eps, Objective f) {
        double original = flat.getDouble(i);
        flat.putScalar(i, original + eps);
        double plus = f.value();
        flat.putScalar(i, original - eps);
        double minus = f.value();
        flat.putScalar(i, original);
        return (plus - minus) / (2 * eps);
    }

    private static long[] pickIndices(long n, int max, Random pick) {
        if (n <= max) return java.util.stream.LongStream.range(0, n).toArray();
        long[] out = new long[max];
        for (int i = 0; i < max; i++) out[i] = (long) (pick.nextDouble() * n);
        return out;
    }
}
