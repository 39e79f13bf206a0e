package aekit.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise loops of {@link Simd}, written with the JDK's Vector API: each step works on a whole CPU register of
 * floats (16 with AVX-512). Loaded only through {@link Simd}, which checks first that the incubating module
 * {@code jdk.incubator.vector} is there.
 *
 * <p>Every step is an IEEE add, multiply, divide or compare, so a run gives the same numbers bit for bit. That is why
 * e^x and log x are written out below (Cephes's single-precision polynomials) instead of taken from the Vector API:
 * its {@code EXP} and {@code LOG} give one answer before the JIT compiles the loop (a scalar fallback) and a slightly
 * different one after (the CPU's vector math library), so the same seed trained to different last digits depending on
 * when the compiler stepped in. For the same reason sums over lanes are added in lane order, never by
 * {@code reduceLanes}, whose order is the hardware's.
 */
final class VectorLoops {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final int CHUNK = 1024;           // floats summed in float precision before going into a double
    private static final float ROUNDING = 12582912f;                        // 1.5·2²³
    private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);

    private VectorLoops() {}

    static String lanes() {
        return LANES.length() + " floats at a time (" + LANES.vectorBitSize() + "-bit)";
    }

    /** y = 1 / (1 + e^(−z)), element by element. */
    static void sigmoid(float[] z, float[] y, int n) {
        FloatVector one = FloatVector.broadcast(LANES, 1f);
        int i = 0;
        for (; i < LANES.loopBound(n); i += LANES.length()) {
            FloatVector eMinusZ = exp(FloatVector.fromArray(LANES, z, i).neg());
            one.div(one.add(eMinusZ)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] = 1f / (1f + (float) Math.exp(-z[i]));   // the last few one at a time, in float as above
    }

    /** y = z, or 0 where z < 0: ReLU as ND4J computes it (so −0 and NaN pass through unchanged, as there). */
    static void relu(float[] z, float[] y, int n) {
        int i = 0;
        for (; i < LANES.loopBound(n); i += LANES.length()) {
            FloatVector zv = FloatVector.fromArray(LANES, z, i);
            zv.blend(0f, zv.compare(VectorOperators.LT, 0f)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] = z[i] < 0 ? 0f : z[i];
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
        return bceFromLogitsSum(z, p, x, n, Float.NaN, false);
    }

    /**
     * The same sum and, in the same pass, p[i] ← (p[i] − x[i])·scale: the loss and its gradient at the logits (the
     * gradient in place in p), reading each number once instead of twice.
     */
    static double bceFromLogitsSumAndGradient(float[] z, float[] p, float[] x, float scale, int n) {
        return bceFromLogitsSum(z, p, x, n, scale, true);
    }

    private static double bceFromLogitsSum(float[] z, float[] p, float[] x, int n, float scale, boolean gradient) {
        FloatVector one = FloatVector.broadcast(LANES, 1f);
        float[] lanes = new float[LANES.length()];
        double sum = 0;
        int i = 0, bound = LANES.loopBound(n);
        while (i < bound) {
            FloatVector partial = FloatVector.zero(LANES);
            for (int end = Math.min(bound, i + CHUNK); i < end; i += LANES.length()) {
                FloatVector xv = FloatVector.fromArray(LANES, x, i), zv = FloatVector.fromArray(LANES, z, i);
                FloatVector pv = FloatVector.fromArray(LANES, p, i);
                partial = partial.add(one.sub(xv).mul(zv).sub(log(pv)));
                if (gradient) pv.sub(xv).mul(scale).intoArray(p, i);      // as differenceTimes
            }
            partial.intoArray(lanes, 0);
            for (float v : lanes) sum += v;                                  // in lane order: the same sum every run
        }
        for (; i < n; i++) {
            sum += (1 - x[i]) * z[i] - Math.log(p[i]);
            if (gradient) p[i] = (p[i] - x[i]) * scale;
        }
        return sum;
    }

    /**
     * Adam's three lines for weights from … to−1 (as {@code aekit.optimizers.Adam} writes them, on whole arrays),
     * reading and writing w, g, m and v where ND4J keeps them: one pass over memory where the array operations take
     * nine. With g₂, g ← g + g₂ first (written back into g). The same float operations in the same order as Adam's
     * array operations, so the same bits (√ rounded once to float either way).
     */
    static void adam(ByteBuffer w, ByteBuffer g, ByteBuffer g2, ByteBuffer m, ByteBuffer v, int from, int to,
                     float b1, float b2, float eps, float eta) {
        ByteOrder order = ByteOrder.nativeOrder();
        float c1 = 1 - b1, c2 = 1 - b2;
        int i = from, bound = from + LANES.loopBound(to - from);
        for (; i < bound; i += LANES.length()) {
            int at = i * Float.BYTES;
            FloatVector gv = FloatVector.fromByteBuffer(LANES, g, at, order);
            if (g2 != null) {
                gv = gv.add(FloatVector.fromByteBuffer(LANES, g2, at, order));
                gv.intoByteBuffer(g, at, order);
            }
            FloatVector mv = FloatVector.fromByteBuffer(LANES, m, at, order).mul(b1).add(gv.mul(c1));   // m ← β₁m + (1−β₁)g
            FloatVector vv = FloatVector.fromByteBuffer(LANES, v, at, order).mul(b2).add(gv.mul(c2).mul(gv));   // v ← β₂v + (1−β₂)g²
            mv.intoByteBuffer(m, at, order);
            vv.intoByteBuffer(v, at, order);
            FloatVector wv = FloatVector.fromByteBuffer(LANES, w, at, order);
            wv.sub(mv.mul(eta).div(vv.sqrt().add(eps))).intoByteBuffer(w, at, order);             // w ← w − η_t·m/(√v + ε)
        }
        for (; i < to; i++) {
            int at = i * Float.BYTES;
            float gi = g.getFloat(at);
            if (g2 != null) g.putFloat(at, gi += g2.getFloat(at));
            float mi = b1 * m.getFloat(at) + c1 * gi, vi = b2 * v.getFloat(at) + c2 * gi * gi;
            m.putFloat(at, mi);
            v.putFloat(at, vi);
            w.putFloat(at, w.getFloat(at) - eta * mi / ((float) Math.sqrt(vi) + eps));
        }
    }

    /**
     * e^x for each lane (Cephes expf): x = n·ln 2 + r with |r| ≤ ½ ln 2, e^r by a polynomial, times 2^n built in
     * the exponent bits. Within 2 ulp of {@link Math#exp} for |x| ≤ 87; e^88 up to ln(Float.MAX_VALUE), +∞ above it, 0 where
     * e^x is below the smallest normal float (the sigmoid only needs those ends to be 1 and 0).
     */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(-87.3365f).min(88f);                                  // keeps 2^n a normal float
        // n = round(x·log₂e): adding 1.5·2²³ leaves the rounded integer in the low mantissa bits (no conversions needed)
        FloatVector shifted = clamped.mul(1.44269504088896341f).add(ROUNDING);
        FloatVector n = shifted.sub(ROUNDING);
        IntVector nBits = shifted.reinterpretAsInts().sub(ROUNDING_BITS);               // the same n as an int
        FloatVector r = clamped.sub(n.mul(0.693359375f)).sub(n.mul(-2.12194440e-4f));    // x − n·ln 2, in two parts for accuracy
        FloatVector y = FloatVector.broadcast(x.species(), 1.9875691500e-4f)
                .mul(r).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f).mul(r).add(4.1665795894e-2f)
                .mul(r).add(1.6666665459e-1f).mul(r).add(5.0000001201e-1f).mul(r.mul(r)).add(r).add(1f);
        FloatVector twoToN = nBits.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector result = y.mul(twoToN);                                                // e^r · 2^n
        result = result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, 88.72283935546875f));
        return result.blend(0f, x.compare(VectorOperators.LT, -87.3365f));
    }

    /**
     * log x for each lane (Cephes logf): x = m·2^e with m in [√½, √2), log m by a degree-9 polynomial in m − 1, plus
     * e·ln 2. Within 2 ulp of {@link Math#log} for normal positive x; −∞ at 0 and for denormals (the caller then takes
     * the exact, slower path), NaN below 0.
     */
    static FloatVector log(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126).convert(VectorOperators.I2F, 0).reinterpretAsFloats();
        FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();          // mantissa in [½, 1)
        VectorMask<Float> small = m.compare(VectorOperators.LT, 0.707106781186547524f);
        e = e.sub(1f, small);
        m = m.add(m.blend(0f, small.not())).sub(1f);                                      // m < √½: 2m − 1, else m − 1
        FloatVector z = m.mul(m);
        FloatVector y = FloatVector.broadcast(x.species(), 7.0376836292e-2f)
                .mul(m).add(-1.1514610310e-1f).mul(m).add(1.1676998740e-1f).mul(m).add(-1.2420140846e-1f)
                .mul(m).add(1.4249322787e-1f).mul(m).add(-1.6668057665e-1f).mul(m).add(2.0000714765e-1f)
                .mul(m).add(-2.4999993993e-1f).mul(m).add(3.3333331174e-1f).mul(m).mul(z);
        y = y.add(e.mul(-2.12194440e-4f)).sub(z.mul(0.5f));
        FloatVector result = m.add(y).add(e.mul(0.693359375f));
        result = result.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.LT, Float.MIN_NORMAL));   // 0 and denormals
        result = result.blend(Float.NaN, x.compare(VectorOperators.LT, 0f));
        return result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    }
}
