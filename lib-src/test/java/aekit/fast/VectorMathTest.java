package aekit.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The hand-written e^x and log x of {@link VectorLoops}: accurate to float precision, and the same on every run. */
class VectorMathTest {
    private static final jdk.incubator.vector.VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    private static float[] apply(java.util.function.UnaryOperator<FloatVector> f, float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += LANES.length()) f.apply(FloatVector.fromArray(LANES, x, i)).intoArray(out, i);
        return out;
    }

    private static float[] grid(float from, float to, int n) {     // n a multiple of every register width
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = from + (to - from) * i / (n - 1);
        return x;
    }

    @Test
    void theWarmUpRunsOnceAndLeavesEveryResultAlone() throws InterruptedException {
        float[] z = grid(-20f, 20f, 4096), before = new float[z.length], after = new float[z.length];
        VectorLoops.sigmoid(z, before, z.length);
        Warmup.inBackground();
        Warmup.inBackground();                                                    // a second call starts nothing
        assertTrue(Warmup.await(), "started (the tests run with the Vector API)");
        assertEquals(0, Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("aekit-warm-up")).count(),
                "no warm-up thread left running after the first has finished");
        VectorLoops.sigmoid(z, after, z.length);
        assertArrayEquals(before, after, "the loops compiled give the numbers they gave before");
    }

    @Test
    void expIsWithinTwoUlpOfMathExp() {
        float[] x = grid(-87f, 87f, 4096);
        float[] e = apply(VectorLoops::exp, x);
        for (int i = 0; i < x.length; i++) {
            float exact = (float) Math.exp(x[i]);
            assertTrue(Math.abs(e[i] - exact) <= 2 * Math.ulp(exact), "e^" + x[i] + ": " + e[i] + " vs " + exact);
        }
    }

    @Test
    void expHasTheEndsTheSigmoidNeeds() {
        float[] x = new float[LANES.length()];
        x[0] = 100f;
        x[1] = -100f;
        x[2] = 0f;
        float[] e = apply(VectorLoops::exp, x);
        assertEquals(Float.POSITIVE_INFINITY, e[0]);
        assertEquals(0f, e[1]);
        assertEquals(1f, e[2]);
    }

    @Test
    void logIsWithinTwoUlpOfMathLog() {
        float[] x = grid(1e-30f, 1f, 4096);
        x[0] = Float.MIN_NORMAL;
        float[] l = apply(VectorLoops::log, x);
        for (int i = 0; i < x.length; i++) {
            float exact = (float) Math.log(x[i]);
            assertTrue(Math.abs(l[i] - exact) <= 2 * Math.ulp(exact), "log " + x[i] + ": " + l[i] + " vs " + exact);
        }
        float[] ends = new float[LANES.length()];
        ends[0] = 0f;
        ends[1] = -1f;
        ends[2] = 1e-40f;                                            // a denormal: −∞ sends the loss to its exact path
        float[] le = apply(VectorLoops::log, ends);
        assertEquals(Float.NEGATIVE_INFINITY, le[0]);
        assertTrue(Float.isNaN(le[1]));
        assertEquals(Float.NEGATIVE_INFINITY, le[2]);
    }

    @Test
    void theSigmoidAndTheLossGiveTheSameBitsBeforeAndAfterTheJitCompilesThem() {
        // The Vector API's own EXP and LOG, and reduceLanes, gave different last bits once C2 had compiled the loops
        // (measured: a VAE trained twice in one JVM ended 3e-10 apart); these must not.
        java.util.Random random = new java.util.Random(1);
        int n = 1 << 16;
        float[] z = new float[n], x = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (random.nextGaussian() * 8);
            x[i] = random.nextFloat();
        }
        float[] first = new float[n], later = new float[n];
        VectorLoops.sigmoid(z, first, n);
        double before = VectorLoops.bceFromLogitsSum(z, first, x, n);
        double after = before;
        for (int k = 0; k < 300; k++) {
            VectorLoops.sigmoid(z, later, n);
            after = VectorLoops.bceFromLogitsSum(z, later, x, n);
        }
        assertArrayEquals(first, later);
        assertEquals(before, after, 0.0);
    }
}
