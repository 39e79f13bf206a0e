package aekit.training;

import aekit.Memory;
import aekit.data.Noise;
import aekit.fast.OffHeap;
import aekit.fast.TwoCores;
import aekit.layers.Layer;
import aekit.optimizers.Optimizer;
import java.util.Arrays;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch split in two halves, one per core (data parallelism): the model takes the first half, its
 * {@link Layer#twin() twin} — the same weights, its own buffers and gradients — the second, and the two gradients are
 * added, θ's first half on one core and its second on the other, as part of the optimizer's step
 * ({@link Optimizer#step(aekit.layers.Param, INDArray)}). The loss is a mean over rows, so the batch's gradient is the
 * halves' gradients, each times its share of the rows, added together: the batch's gradient, up to rounding. Always
 * split the same way, on one core or two, so a seed gives the same numbers on either.
 *
 * <p>A trainer keeps a model's halves between fits ({@link ModelCache}); no field holds the model itself, so that
 * keeping them does not keep the model alive.
 */
final class Halves {
    static final int MIN_ROWS = 32;   // a smaller half is not worth the hand-over to the second core
    final Layer twin;                 // runs the second half
    final ParameterVector flat;
    /** The twin's dL/dθ, laid out as θ's: after a split batch, dL/dθ = θ's gradient + this. */
    final INDArray twinGradient;
    private final INDArray[] inputs = new INDArray[2], targets = new INDArray[2];   // each half's rows, reused batch to batch
    private final double[] losses = new double[2];

    Halves(Layer twin, ParameterVector flat) {
        this.twin = twin;
        this.flat = flat;
        this.twinGradient = flat.gradientOf(twin.params());
    }

    /** Whether a batch of these rows is split: each half must have at least {@link #MIN_ROWS}. */
    static boolean splits(int[] rows) {
        return rows.length >= 2 * MIN_ROWS;
    }

    /**
     * The batch's loss, its first half through {@code model} on this core and its second through {@code twin} on the
     * other; θ's gradient holds the first half's part of dL/dθ afterwards, {@link #twinGradient} the second's.
     */
    double lossAndGradients(Backpropagation model, Backpropagation twin, INDArray allInputs, INDArray allTargets, int[] rows, Noise noise) {
        int n = rows.length, half = n / 2;
        int[][] part = {Arrays.copyOfRange(rows, 0, half), Arrays.copyOfRange(rows, half, n)};
        double[] share = {(double) half / n, (double) (n - half) / n};
        INDArray[] noisy = new INDArray[2];
        if (noise != null) {   // drawn here, first half first: the same noise on one core or two
            for (int h = 0; h < 2; h++) noisy[h] = noise.apply(OffHeap.gatherRows(allInputs, part[h]));
        }
        TwoCores.both(() -> losses[0] = half(0, model, allInputs, allTargets, part[0], noisy[0], share[0]),
                      () -> {
                          try (MemoryWorkspace helperMemory = Memory.batchScope()) {   // the helper thread's own arena
                              losses[1] = half(1, twin, allInputs, allTargets, part[1], noisy[1], share[1]);
                          }
                      });
        return share[0] * losses[0] + share[1] * losses[1];
    }

    private double half(int h, Backpropagation network, INDArray allInputs, INDArray allTargets, int[] rows, INDArray noisy, double share) {
        OffHeap.zero(h == 0 ? flat.all.grad : twinGradient);                         // memset: no ND4J call in a half (TwoCores)
        INDArray target = targets[h] = OffHeap.gatherRows(allTargets, rows, targets[h]);
        INDArray x = noisy != null ? noisy : allInputs == allTargets ? target : (inputs[h] = OffHeap.gatherRows(allInputs, rows, inputs[h]));
        return network.lossAndGradients(x, target, share);
    }
}
