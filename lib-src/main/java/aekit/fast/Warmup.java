package aekit.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Compiles the vectorised loops before the first training step needs them. The JIT compiler turns a Vector API loop
 * into a few SIMD instructions only after it has run it a while; before that it runs slowly, a Java object per
 * register. Measured in a fresh JVM (the quickstart's 10 epochs of 8,000 digits): the first epoch took 1.45–1.90 s,
 * the later ones 0.11–0.25 s; with ND4J's loops instead, 0.40–0.52 s and 0.20–0.30 s. Warmed up, the first took
 * 0.46–0.91 s in the kernel.
 *
 * <p>{@link #inBackground()} runs each loop on small arrays of its own, on a daemon thread, while a notebook is still
 * starting up and loading its data, so the compiler has done its work by the first {@code fit}. The loops give the
 * same bits compiled or not ({@code VectorMathTest}), and the warm-up reads and writes only its own arrays, so no
 * result anywhere changes; only the time of the first epoch does.
 */
public final class Warmup {
    private static final int ROUNDS = 400;      // about 0.8 s on the 2-core development VM, enough for the JIT's top tier
    private static final int LENGTH = 4096;
    private static volatile Thread started;

    private Warmup() {}

    /**
     * Starts the warm-up, once per JVM (later calls do nothing), and returns at once. Does nothing without the Vector
     * API. Returns nothing, so that in JShell the call leaves no $-variable behind.
     */
    public static synchronized void inBackground() {
        if (started != null || !Simd.inUse()) return;
        started = new Thread(Warmup::run, "aekit-warm-up");
        started.setDaemon(true);   // never keeps a program or a kernel from exiting
        started.start();
    }

    /** Waits until the warm-up is done (the tests use it); false if it never started. */
    public static boolean await() throws InterruptedException {
        Thread t = started;
        if (t == null) return false;
        t.join();
        return true;
    }

    private static void run() {
        float[] z = new float[LENGTH], p = new float[LENGTH], x = new float[LENGTH], y = new float[LENGTH];
        ByteBuffer w = ByteBuffer.allocateDirect(LENGTH * Float.BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer g = ByteBuffer.allocateDirect(LENGTH * Float.BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer g2 = ByteBuffer.allocateDirect(LENGTH * Float.BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer m = ByteBuffer.allocateDirect(LENGTH * Float.BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer v = ByteBuffer.allocateDirect(LENGTH * Float.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < LENGTH; i++) {
            z[i] = (i % 97 - 48) / 8f;
            x[i] = (i % 13) / 12f;
        }
        double sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            VectorLoops.sigmoid(z, p, LENGTH);
            VectorLoops.relu(z, y, LENGTH);
            VectorLoops.keepWherePositive(y, p.clone(), LENGTH);
            sink += VectorLoops.bceFromLogitsSum(z, p, x, LENGTH);
            float[] dz = p.clone();
            sink += VectorLoops.bceFromLogitsSumAndGradient(z, dz, x, 1f / LENGTH, LENGTH);
            VectorLoops.differenceTimes(dz, x, 0.5f, LENGTH);
            VectorLoops.adam(w, g, round % 2 == 0 ? g2 : null, m, v, 0, LENGTH, 0.9f, 0.999f, 1e-7f, 1e-3f);
        }
        if (Double.isNaN(sink)) System.err.println("aekit warm-up: NaN");   // keeps the work from being optimised away
    }
}
