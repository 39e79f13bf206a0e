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
