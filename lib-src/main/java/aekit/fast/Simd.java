package aekit.fast;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Vectorised loops (the JDK's Vector API) for the element-wise steps of a training step:
 * <ul>
 *   <li>the two that need e^x or log x, the output sigmoid and the cross-entropy's sum: 3–4× faster than ND4J on a
 *       256×784 batch, whose native code computes e^x and log x one number at a time (about 3.5 ns each here);
 *   <li>ReLU's backward pass and the loss gradient at the logits: one pass each instead of two ND4J operations.
 * </ul>
 * Same formulas, same results to float precision (the tests compare each with ND4J's).
 *
 * <p>Used where it is available: float32 arrays and a JVM started with {@code --add-modules jdk.incubator.vector} (the
 * kit's kernel, tests and benchmark are). Anywhere else the callers use ND4J. {@code Simd.use(false)} switches it off,
 * to compare. e^x and log x are polynomials of adds and multiplies ({@link VectorLoops}), so the results are the same
 * on every run and need no vector math library from the JDK.
 */
public final class Simd {
    private static final boolean AVAILABLE = moduleLoaded() && !"false".equals(System.getProperty("aekit.simd"));
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);
    private static volatile boolean use = AVAILABLE;

    private Simd() {}

    /** Whether the vectorised loops are in use now. */
    public static boolean inUse() {
        return use;
    }

    /** Switches the vectorised loops on (where available) or off; returns whether they are in use. */
    public static boolean use(boolean on) {
        use = on && AVAILABLE;
        return use;
    }

    /** One line for reports: in use or not, and why. */
    public static String describe() {
        if (use) return "Vector API on " + VectorLoops.lanes();
        if (AVAILABLE) return "off (Simd.use(false))";
        if (!moduleLoaded()) return "off (JVM started without --add-modules jdk.incubator.vector)";
        return "off (-Daekit.simd=false)";
    }

    /** True when the vectorised loops will take these arrays: in use, all float32, each one contiguous run. */
    public static boolean handles(INDArray... arrays) {
        return use && OffHeap.allContiguousFloats(arrays);
    }

    /** σ(z) into {@code out}, an array as long as z (the training path reuses one: no new array, no ND4J call). */
    public static INDArray sigmoid(INDArray z, INDArray out) {
        int n = (int) z.length();
        float[] zs = copyIn(0, z), ys = scratch(1, n);
        VectorLoops.sigmoid(zs, ys, n);
        return copyOut(ys, out);
    }

    /** max(0, z) into {@code out} as ND4J's ReLU computes it (z where z ≥ 0, else 0). */
    public static INDArray relu(INDArray z, INDArray out) {
        int n = (int) z.length();
        float[] zs = copyIn(0, z), ys = scratch(1, n);
        VectorLoops.relu(zs, ys, n);
        return copyOut(ys, out);
    }

    /** (p − x)·scale/(ND) into {@code out}: {@code BinaryCrossEntropy.gradientWrtLogits} in one pass instead of two. */
    public static INDArray bceGradientWrtLogits(INDArray p, INDArray x, double scale, INDArray out) {
        int n = (int) p.length();
        float[] g = copyIn(0, p), xs = copyIn(1, x);
        VectorLoops.differenceTimes(g, xs, (float) (scale / n), n);
        return copyOut(g, out);
    }

    /** ReLU's backward pass, dz = dy ⊙ [y > 0], into {@code out}: one pass instead of ND4J's two (step, then multiply). */
    public static INDArray reluBackward(INDArray y, INDArray dy, INDArray out) {
        int n = (int) y.length();
        float[] ys = copyIn(0, y), dz = copyIn(1, dy);
        VectorLoops.keepWherePositive(ys, dz, n);
        return copyOut(dz, out);
    }

    /** Σ [ (1 − x)·z − log p ] over all elements: see {@code BinaryCrossEntropy.valueFromLogits}. */
    public static double bceFromLogitsSum(INDArray z, INDArray p, INDArray x) {
        return VectorLoops.bceFromLogitsSum(copyIn(0, z), copyIn(1, p), copyIn(2, x), (int) z.length());
    }

    /**
     * The same sum and, in the same pass, (p − x)·scale/(ND) into {@code out}: the loss and its gradient at the logits,
     * each number read once (the trainer's hot path).
     */
    public static double bceFromLogitsSumAndGradient(INDArray z, INDArray p, INDArray x, double scale, INDArray out) {
        int n = (int) z.length();
        float[] g = copyIn(1, p);
        double sum = VectorLoops.bceFromLogitsSumAndGradient(copyIn(0, z), g, copyIn(2, x), (float) (scale / n), n);
        copyOut(g, out);
        return sum;
    }

    /**
     * Adam's update of the weights w from … to−1 in place, with their gradient g and Adam's m and v (all float32, each
     * one run of numbers); with {@code secondPart}, it is added into g first. The same float operations as
     * {@code Adam}'s array operations, in the same order: see {@code VectorLoops.adam}.
     */
    public static void adam(INDArray w, INDArray g, INDArray secondPart, INDArray m, INDArray v, int from, int to,
                            float b1, float b2, float eps, float eta) {
        VectorLoops.adam(OffHeap.bytes(w), OffHeap.bytes(g), secondPart == null ? null : OffHeap.bytes(secondPart),
                OffHeap.bytes(m), OffHeap.bytes(v), from, to, b1, b2, eps, eta);
    }

    /** The array's numbers in scratch array {@code k} of this thread (reused: a batch is copied, not allocated). */
    private static float[] copyIn(int k, INDArray a) {
        int n = (int) a.length();
        float[] s = scratch(k, n);
        OffHeap.floats(a).get(s, 0, n);
        return s;
    }

    /** The first numbers of {@code values} into {@code out}, which must be float32, contiguous and no longer. */
    private static INDArray copyOut(float[] values, INDArray out) {
        OffHeap.floats(out).put(values, 0, (int) out.length());
        return out;
    }

    private static float[] scratch(int k, int n) {
        float[][] s = SCRATCH.get();
        if (s[k].length < n) s[k] = new float[n];
        return s[k];
    }

    private static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
