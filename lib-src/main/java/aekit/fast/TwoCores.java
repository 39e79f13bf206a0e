package aekit.fast;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two pieces of work at once: the calling thread does the first while a helper thread does the second. The trainer
 * hands it the two halves of a batch. On a one-core machine, or while another thread is using the helper, the
 * second runs after the first on the calling thread; the numbers are the same either way, since neither piece reads
 * what the other writes.
 *
 * <p>Why not an {@code ExecutorService}: its idle thread sleeps, and waking a sleeping thread on a virtual machine
 * can take longer than half a batch (measured on the 2-core VM, model B: median 2.25 ms for both halves, but one
 * step in ten over 4.4 ms). So both sides first wait by spinning ({@link Thread#onSpinWait()}) — for the helper, long
 * enough to cover the optimizer step between two batches — and only then sleep.
 *
 * <p>What the two pieces run should make no new ND4J arrays and call no ND4J operations: ND4J registers every new
 * array under global locks, and its operations contend too, so two threads doing that wait for each other (measured:
 * 40 small ND4J operations with their arrays, 0.68 ms on one thread, 1.47 ms on two at once). BLAS and plain Java
 * loops run side by side at full speed.
 */
public final class TwoCores {
    /** Whether there is a second core to use. */
    public static final boolean AVAILABLE = Runtime.getRuntime().availableProcessors() >= 2;
    private static final long HELPER_SPINS_NANOS = 5_000_000;   // then it sleeps: an idle kit does not hold a core
    private static final long CALLER_SPINS_NANOS = 2_000_000;
    private static final ReentrantLock IN_USE = new ReentrantLock();
    private static Helper helper;

    private TwoCores() {}

    /**
     * Runs both and returns when both are done. Waits for the second even when the first fails or the caller is
     * interrupted (the stop button): both pieces share the model, so neither may still be running when this returns.
     * An interrupt is passed on afterwards; a failure is rethrown, the first piece's before the second's.
     */
    public static void both(Runnable first, Runnable second) {
        if (!AVAILABLE || !IN_USE.tryLock()) {
            first.run();
            second.run();
            return;
        }
        try {
            if (helper == null) helper = new Helper();
            helper.start(second, Thread.currentThread());
            Throwable failure = null;
            try {
                first.run();
            } catch (Throwable t) {
                failure = t;
            }
            Throwable helperFailure = helper.awaitDone();
            if (failure == null) failure = helperFailure;
            if (failure instanceof RuntimeException r) throw r;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException(failure);
        } finally {
            IN_USE.unlock();
        }
    }

    /** The second core's thread: waits for a task, runs it, says it is done. */
    private static final class Helper extends Thread {
        private volatile Runnable task;
        private volatile boolean done;
        private volatile Thread caller;
        private Throwable failure;

        Helper() {
            super("aekit-second-core");
            setDaemon(true);   // never keeps a finished program (or a notebook kernel's shutdown) waiting
            super.start();
        }

        void start(Runnable work, Thread from) {
            caller = from;
            failure = null;
            done = false;
            task = work;                  // the volatile write that hands the work over
            LockSupport.unpark(this);
        }

        /** The helper's failure, if any, once its task is done; an interrupt of the caller is kept for afterwards. */
        Throwable awaitDone() {
            boolean interrupted = false;
            long start = System.nanoTime();
            while (!done) {
                if (System.nanoTime() - start < CALLER_SPINS_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    if (Thread.interrupted()) interrupted = true;   // keep waiting: the helper is still using the model
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                long start = System.nanoTime();
                while (task == null) {
                    if (System.nanoTime() - start < HELPER_SPINS_NANOS) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                try {
                    task.run();
                } catch (Throwable t) {
                    failure = t;
                }
                task = null;
                done = true;                  // published after failure: the caller reads failure once it sees done
                LockSupport.unpark(caller);
            }
        }
    }
}
