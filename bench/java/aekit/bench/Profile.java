package aekit.bench;

import aekit.Memory;
import aekit.activations.Sigmoid;
import aekit.fast.Blas;
import aekit.fast.OffHeap;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Layer;
import aekit.losses.BinaryCrossEntropy;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.training.ParameterVector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where one training batch's time goes, phase by phase: the trainer's own steps (gather the rows, each layer's
 * forward, the loss from the logits, each layer's backward, Adam on θ), called one at a time with a clock around each,
 * and then the BLAS products of the same shapes alone, to split the Dense layers' time into products and the rest.
 *
 * <pre>Bench profile MODEL DIR      (python3 kit.py bench --profile)</pre>
 */
final class Profile {
    private static final int WARM_UP = 100, BATCHES = 400;

    private Profile() {}

    static String run(String model, INDArray train) {
        Autoencoder ae = Autoencoder.builder(Bench.widths(model)).seed(1).build();
        List<Layer> layers = ae.layers();
        ActivationLayer output = (ActivationLayer) layers.get(layers.size() - 1);
        if (!(output.activation instanceof Sigmoid)) throw new IllegalStateException("profile expects a sigmoid output");
        ParameterVector flat = ParameterVector.of(ae.params());
        Adam adam = new Adam();
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        int batch = Bench.batchSize(model);
        Map<String, Long> nanos = new LinkedHashMap<>();
        Random random = new Random(1);
        for (int b = 0; b < WARM_UP + BATCHES; b++) {
            boolean timed = b >= WARM_UP;
            int[] rows = random.ints(batch, 0, train.rows()).toArray();
            try (MemoryWorkspace ignored = Memory.batchScope()) {
                long t = System.nanoTime();
                INDArray x = OffHeap.gatherRows(train, rows);
                t = lap(nanos, timed, "gather the batch's rows", t);
                INDArray target = x;
                flat.all.zeroGrad();
                t = lap(nanos, timed, "zero the gradient of θ", t);
                for (Layer layer : layers) {
                    x = layer.forward(x, true);
                    t = lap(nanos, timed, phase(layer, "forward"), t);
                }
                bce.valueFromLogits(output.logits(), x, target);
                INDArray dy = bce.gradientWrtLogits(x, target);
                t = lap(nanos, timed, "loss and dL/dz from the logits", t);
                for (int i = layers.size() - 2; i >= 0; i--) {   // the output sigmoid is folded into the loss
                    dy = layers.get(i).backward(dy, i > 0);
                    t = lap(nanos, timed, phase(layers.get(i), "backward"), t);
                }
                adam.step(List.of(flat.all));
                lap(nanos, timed, "Adam on θ (one loop)", t);
            }
        }
        long total = nanos.values().stream().mapToLong(Long::longValue).sum();
        long products = productsAlone(layers, batch);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "model %s, batch %d, BLAS threads %s: %.2f ms per batch over %d batches%n%n| phase | ms per batch | share |%n|---|---:|---:|%n",
                model, batch, Bench.blasThreads(), total / 1e6 / BATCHES, BATCHES));
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.0f%% |%n", e.getKey(), e.getValue() / 1e6 / BATCHES, 100.0 * e.getValue() / total));
        }
        long dense = nanos.entrySet().stream().filter(e -> e.getKey().startsWith("Dense")).mapToLong(Map.Entry::getValue).sum();
        md.append(String.format(Locale.ROOT, "%nOf the Dense layers' %.3f ms, the matrix products of the same shapes alone take %.3f ms "
                + "(%.0f%% of the batch); the other %.3f ms are the bias, its gradient and the calls around them.%n",
                dense / 1e6 / BATCHES, products / 1e6, 100.0 * products * BATCHES / total, (dense / 1e6 / BATCHES) - products / 1e6));
        return md.toString();
    }

    /**
     * The same batch as the trainer runs it on two cores (Trainer.splitBatches, the default): the first half through
     * the model, the second through its twin, each phase timed on its own thread; then the wall time of both halves
     * together, the sum of the two gradients, and Adam. OpenBLAS on one thread per half, as in training.
     */
    static String runHalves(String model, INDArray train) {
        Autoencoder ae = Autoencoder.builder(Bench.widths(model)).seed(1).build();
        ParameterVector flat = ParameterVector.of(ae.params());
        Layer twin = ae.twin();
        INDArray twinGradient = flat.gradientOf(twin.params());
        Adam adam = new Adam();
        int batch = Bench.batchSize(model), half = batch / 2;
        List<Map<String, Long>> perHalf = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
        Map<String, Long> whole = new LinkedHashMap<>();
        long[] helperStart = new long[WARM_UP + BATCHES];
        INDArray[][] buffers = new INDArray[2][2];   // each half's rows and dL/dz, reused as in the trainer
        Random random = new Random(1);
        int threads = Blas.threads();
        Blas.threads(1);
        try {
            for (int b = 0; b < WARM_UP + BATCHES; b++) {
                boolean timed = b >= WARM_UP;
                int[] rows = random.ints(batch, 0, train.rows()).toArray();
                int[][] part = {java.util.Arrays.copyOfRange(rows, 0, half), java.util.Arrays.copyOfRange(rows, half, batch)};
                int k = b;
                try (MemoryWorkspace ignored = Memory.batchScope()) {
                    long t = System.nanoTime(), start = t;
                    aekit.fast.TwoCores.both(
                            () -> halfStep(ae, flat.all.grad, train, part[0], buffers[0], perHalf.get(0), timed),
                            () -> {
                                helperStart[k] = System.nanoTime() - start;
                                try (MemoryWorkspace helperMemory = Memory.batchScope()) {
                                    halfStep(twin, twinGradient, train, part[1], buffers[1], perHalf.get(1), timed);
                                }
                            });
                    t = lap(whole, timed, "both halves at once (the slower one sets the pace)", t);
                    adam.step(flat.all, twinGradient);
                    lap(whole, timed, "the halves' gradients added, and Adam: half of θ on each core", t);
                }
            }
        } finally {
            Blas.threads(threads);
        }
        long total = whole.values().stream().mapToLong(Long::longValue).sum();
        long[] lags = java.util.Arrays.copyOfRange(helperStart, WARM_UP, WARM_UP + BATCHES);
        java.util.Arrays.sort(lags);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "model %s, batch %d in two halves of %d, one per core, BLAS 1 thread each: %.2f ms per batch over %d batches%n%n"
                + "| phase | first half (this thread) ms | second half (the helper) ms |%n|---|---:|---:|%n",
                model, batch, half, total / 1e6 / BATCHES, BATCHES));
        for (String phase : perHalf.get(0).keySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", phase,
                    perHalf.get(0).get(phase) / 1e6 / BATCHES, perHalf.get(1).getOrDefault(phase, 0L) / 1e6 / BATCHES));
        }
        md.append(String.format(Locale.ROOT, "%n| whole batch | ms per batch | share |%n|---|---:|---:|%n"));
        for (Map.Entry<String, Long> e : whole.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.0f%% |%n", e.getKey(), e.getValue() / 1e6 / BATCHES, 100.0 * e.getValue() / total));
        }
        md.append(String.format(Locale.ROOT, "%nThe helper started its half %.0f µs after the hand-over (median; 90th percentile %.0f µs, "
                + "worst %.1f ms: a core taken away by the machine).%n", lags[BATCHES / 2] / 1e3, lags[BATCHES * 9 / 10] / 1e3, lags[BATCHES - 1] / 1e6));
        return md.toString();
    }

    /** One half of a batch as the trainer's Halves runs it: zero its gradient, gather, forward, loss, backward. */
    private static void halfStep(Layer model, INDArray gradient, INDArray train, int[] rows, INDArray[] buffers, Map<String, Long> nanos, boolean timed) {
        long t = System.nanoTime();
        OffHeap.zero(gradient);
        INDArray x = buffers[0] = OffHeap.gatherRows(train, rows, buffers[0]), target = x;
        t = lap(nanos, timed, "zero its gradient, gather its rows", t);
        INDArray prediction = model.forward(x, true);
        t = lap(nanos, timed, "forward (Dense and activations)", t);
        ActivationLayer output = (ActivationLayer) model.lastLayer();
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        if (buffers[1] == null) buffers[1] = Memory.persistent(() -> Nd4j.createUninitialized(prediction.dataType(), prediction.shape()));
        bce.valueAndGradientFromLogits(output.logits(), prediction, target, 0.5, buffers[1]);
        t = lap(nanos, timed, "loss and dL/dz from the logits (one pass)", t);
        model.backwardFromLogits(buffers[1], false);
        lap(nanos, timed, "backward", t);
    }

    private static long lap(Map<String, Long> nanos, boolean timed, String phase, long since) {
        long now = System.nanoTime();
        if (timed) nanos.merge(phase, now - since, Long::sum);
        return now;
    }

    private static String phase(Layer layer, String direction) {
        if (layer instanceof Dense d) return String.format("Dense %d→%d %s", d.inputSize(), d.outputSize(), direction);
        if (layer instanceof ActivationLayer a) return a.activation.name() + " " + direction + " (element-wise)";
        return layer.describe() + " " + direction;
    }

    /** The three products of each Dense layer (y = x·W, dW = xᵀ·dy, dx = dy·Wᵀ; the first layer skips dx), by BLAS alone: ns per batch. */
    private static long productsAlone(List<Layer> layers, int batch) {
        long total = 0;
        boolean first = true;
        for (Layer layer : layers) {
            if (!(layer instanceof Dense d)) continue;
            INDArray x = Nd4j.rand(batch, d.inputSize()), w = Nd4j.rand(d.inputSize(), d.outputSize());
            INDArray y = Nd4j.create(batch, d.outputSize()), dw = Nd4j.create(d.inputSize(), d.outputSize()), dx = Nd4j.create(batch, d.inputSize());
            for (int r = 0; r < WARM_UP + BATCHES; r++) {
                long t = System.nanoTime();
                Blas.gemm(x, w, y, false, false, 1.0, 0.0);
                Blas.gemm(x, y, dw, true, false, 1.0, 1.0);
                if (!first) Blas.gemm(y, w, dx, false, true, 1.0, 0.0);
                if (r >= WARM_UP) total += System.nanoTime() - t;
            }
            first = false;
        }
        return total / BATCHES;
    }
}
