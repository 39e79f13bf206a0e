package aekit.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise loops of {@link Simd}, written with the JDK's Vector API: each step works on a whole CPU register of
 * floats (8 with AVX2), and e^x, log x come from the JDK's vector math library. Loaded only through {@link Simd},
 * which checks first that the incubating module {@code jdk.incubator.vector} is there.
 */
final class VectorLoops {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final int CHUNK = 1024;           // floats summed in float precision before going into a double

    private VectorLoops() {}

    static String lanes() {
        return LANES.length() + " floats at a time (" + LANES.vectorBitSize() + "-bit)";
    }

    /** y = 1 / (1 + e^(−z)), element by element. */
    static void sigmoid(float[] z, float[] y, int n) {
        FloatVector one = FloatVector.broadcast(LANES, 1f);
        int i = 0;
        for (; i < LANES.loopBound(n); i += LANES.length()) {
            FloatVector eMinusZ = FloatVector.fromArray(LANES, z, i).neg().lanewise(VectorOperators.EXP);
            one.div(one.add(eMinusZ)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] = 1f / (1f + (float) Math.exp(-z[i]));   // the last few one at a time, in float as above
    }

    /** p[i] ← (p[i] − x[i])·scale: the cross-entropy's gradient at the logits, in place in p. */
    static void differenceTimes(float[] p, float[] x, float scale, int n) {
        int i = 0;
        for (; i < LANES.loopBound(n); i += LANES.length()) {
            FloatVector.fromArray(LANES, p, i).sub(FloatVector.fromArray(LANES, x, i)).mul(scale).intoArray(p, i);
        }
        for (; i < n; i++) p[i] = (p[i] - x[i]) * scale;
    }

    /** dy[i] kept where y[i] > 0, else 0: ReLU's backward pass, in place in dy. */
    static void keepWherePositive(float[] y, float[] dy, int n) {
        int i = 0;
        for (; i < LANES.loopBound(n); i += LANES.length()) {
            FloatVector yv = FloatVector.fromArray(LANES, y, i);
            FloatVector.fromArray(LANES, dy, i).blend(0f, yv.compare(VectorOperators.LE, 0f)).intoArray(dy, i);
        }
        for (; i < n; i++) dy[i] = y[i] > 0 ? dy[i] : 0f;
    }

    /** Σ [ (1 − x)·z − log p ]: the binary cross-entropy from the logits z, summed (p = σ(z), x the targets). */
    static double bceFromLogitsSum(float[] z, float[] p, float[] x, int n) {
        FloatVector one = FloatVector.broadcast(LANES, 1f);
        double sum = 0;
        int i = 0, bound = LANES.loopBound(n);
        while (i < bound) {
            FloatVector partial = FloatVector.zero(LANES);
            for (int end = Math.min(bound, i + CHUNK); i < end; i += LANES.length()) {
                FloatVector xv = FloatVector.fromArray(LANES, x, i), zv = FloatVector.fromArray(LANES, z, i);
                FloatVector logP = FloatVector.fromArray(LANES, p, i).lanewise(VectorOperators.LOG);
                partial = partial.add(one.sub(xv).mul(zv).sub(logP));
            }
            sum += partial.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += (1 - x[i]) * z[i] - Math.log(p[i]);
        return sum;
    }
}
