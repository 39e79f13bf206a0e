package aekit.training;

import aekit.Kit;
import aekit.Memory;
import aekit.data.Noise;
import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.Loss;
import aekit.optimizers.Adam;
import aekit.optimizers.Optimizer;
import aekit.regularizers.WeightPenalty;
import aekit.fast.Blas;
import aekit.fast.OffHeap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training loop, written out. For every epoch: shuffle (from the seed), then for each mini-batch
 *
 * <pre>
 * x̂ = model.forward(x)                 forward pass
 * L  = loss(x̂, target) [+ penalties]   how far off we are
 * g  = dL/dx̂ → model.backward(g)       backpropagation fills every Param.grad
 * optimizer.step(params)               one step downhill
 * </pre>
 *
 * then the validation loss, a progress line, and {@link EarlyStopping early stopping} if asked. A NaN or infinite loss
 * stops training at once with a {@link TrainingDivergedException} saying where and why it usually happens.
 * {@link #train} is that loop, the one notebook 06 writes by hand, with two refinements on by default that change the
 * rounding, not the math: when the model ends in a sigmoid and the loss is binary cross-entropy, the loss and its
 * gradient start from the logits ({@link Backpropagation}, {@link #logitsShortcut(boolean)}); and a batch of 64 rows or
 * more is split in two halves, one per core ({@link Halves}, {@link #splitBatches(boolean)}).
 */
public final class Trainer {
    private final Loss loss;
    private final Optimizer optimizer;
    private int epochs = 10;
    private int batchSize = 256;
    private long seed = Kit.SEED;
    private History lastHistory;
    private INDArray validationInputs;
    private INDArray validationTargets;
    private WeightPenalty weightPenalty;
    private Noise inputNoise;
    private int patience;
    private double minDelta;
    private boolean showProgress = true;
    private boolean logitsShortcut = true;
    private boolean splitBatches = true;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final ModelCache kept = new ModelCache();   // θ and the halves of each model this trainer fitted

    public Trainer(Loss loss, Optimizer optimizer) {
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /** Binary cross-entropy and Adam(1e-3), batches of 256: the seeds' Keras settings. */
    public static Trainer defaults() {
        return new Trainer(new BinaryCrossEntropy(), new Adam(1e-3));
    }

    public Trainer epochs(int epochs) {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        this.epochs = epochs;
        return this;
    }

    public Trainer batchSize(int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        this.batchSize = batchSize;
        return this;
    }

    /** The seed of the shuffling order (weights are seeded where the model is built). */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Data for the validation loss after each epoch: an autoencoder's targets are its inputs. */
    public Trainer validation(INDArray inputs) {
        return validation(inputs, inputs);
    }

    public Trainer validation(INDArray inputs, INDArray targets) {
        TrainingData.requireSameRows("validation inputs", inputs, "validation targets", targets);
        this.validationInputs = inputs;
        this.validationTargets = targets;
        return this;
    }

    public Trainer weightPenalty(WeightPenalty penalty) {
        this.weightPenalty = penalty;
        return this;
    }

    /** Corrupts each batch's inputs afresh while the targets stay clean: a denoising autoencoder. */
    public Trainer corruptInputs(Noise noise) {
        this.inputNoise = noise;
        return this;
    }

    /**
     * Stops when the validation loss (or the training loss, without validation data) has not improved for
     * {@code patience} epochs, and puts back the weights of the best epoch.
     */
    public Trainer earlyStopping(int patience) {
        return earlyStopping(patience, 0);
    }

    /**
     * As {@link #earlyStopping(int)}, but an epoch counts as an improvement only if it lowers the best loss by more
     * than {@code minDelta} (Keras's {@code min_delta}): a curve that creeps down by crumbs has stopped learning.
     */
    public Trainer earlyStopping(int patience, double minDelta) {
        if (patience <= 0) throw new IllegalArgumentException("early-stopping patience must be positive, got " + patience);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("early-stopping minDelta must be ≥ 0, got " + minDelta);
        this.patience = patience;
        this.minDelta = minDelta;
        return this;
    }

    /**
     * With {@code false}, a sigmoid + BCE model is trained the long way round too: the (clipped) loss of x̂ and
     * dL/dx̂ through the sigmoid's backward pass. The numbers then match a hand-written loop (notebook 06).
     */
    public Trainer logitsShortcut(boolean take) {
        this.logitsShortcut = take;
        return this;
    }

    /**
     * With {@code false}, every batch goes through the model in one piece, on one core (BLAS may still use more for
     * the products). By default a batch of 64 rows or more is split in two halves, one per core, when the model allows
     * it (see {@link Layer#twin()}); the halves give the same gradient up to rounding.
     */
    public Trainer splitBatches(boolean split) {
        this.splitBatches = split;
        return this;
    }

    public Trainer quiet() {
        this.showProgress = false;
        return this;
    }

    public Trainer listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Trains an autoencoder: the target of each input is the input itself. */
    public History fit(Layer model, INDArray x) {
        return fit(model, x, x);
    }

    public History fit(Layer model, INDArray inputs, INDArray targets) {
        TrainingData.check(model, loss, inputs, targets);
        if (validationTargets != null) loss.checkTargets(validationTargets);
        ParameterVector theta = kept.parameterVector(model);
        Halves halves = splitBatches && loss.isMeanOverRows() ? kept.halves(model, theta) : null;   // null: each batch in one piece
        int blasThreads = Blas.threads();
        if (halves != null) Blas.threads(1);                                        // each half's products on its own core
        try {
            return train(model, inputs, targets, theta, halves, blasThreads);
        } finally {
            Blas.threads(blasThreads);
        }
    }

    private History train(Layer model, INDArray inputs, INDArray targets, ParameterVector theta, Halves halves, int blasThreads) {
        List<Param> params = model.params();
        Backpropagation backprop = new Backpropagation(model, loss, logitsShortcut);
        Backpropagation twinBackprop = halves == null ? null : new Backpropagation(halves.twin, loss, logitsShortcut);
        EarlyStopping stopping = patience > 0 ? new EarlyStopping(patience, minDelta) : null;
        List<TrainingListener> all = new ArrayList<>(listeners);
        if (showProgress) all.add(new Progress());
        History history = new History();
        lastHistory = history;   // filled epoch by epoch: still readable if this fit is interrupted
        Random shuffler = new Random(seed);
        int n = inputs.rows();
        int[] order = java.util.stream.IntStream.range(0, n).toArray();

        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            shuffle(order, shuffler);
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += batchSize) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                boolean split = halves != null && Halves.splits(rows);
                double batchLoss;
                try (MemoryWorkspace batchMemory = Memory.batchScope()) {                // temporaries live here
                    if (split) {
                        batchLoss = halves.lossAndGradients(backprop, twinBackprop, inputs, targets, rows, inputNoise);   // half the rows on each core
                    } else {
                        INDArray target = OffHeap.gatherRows(targets, rows);             // the mini-batch
                        INDArray x = targets == inputs ? target : OffHeap.gatherRows(inputs, rows);
                        if (inputNoise != null) x = inputNoise.apply(x);
                        theta.all.zeroGrad();                                            // every dL/dθ back to 0, in one call
                        batchLoss = backprop.lossAndGradients(x, target, 1.0);           // forward pass, loss, backpropagation
                    }
                    batchLoss += penalties(model, params);
                    if (!Double.isFinite(batchLoss)) throw TrainingDivergedException.explain(epoch, batches + 1, batchLoss, optimizer, inputs);
                    step(theta, split ? halves.twinGradient : null, params);            // one step downhill, on all of θ at once
                }
                sum += batchLoss * rows.length;
                batches++;
                if (Thread.currentThread().isInterrupted()) {   // the kernel's stop button: stop between two steps
                    for (TrainingListener l : all) l.onTrainEnd(history);
                    throw new TrainingInterruptedException(epoch, batches, history);
                }
            }
            double validation = Double.NaN;
            if (validationInputs != null) {   // on every BLAS thread, as evaluate() outside fit: the same numbers
                if (halves != null) Blas.threads(blasThreads);
                validation = evaluate(model, validationInputs, validationTargets);
                if (halves != null) Blas.threads(1);
            }
            EpochRecord record = new EpochRecord(epoch, sum / n, validation, (System.nanoTime() - start) / 1e9);
            history.add(record);
            for (TrainingListener l : all) l.onEpochEnd(record, epochs);
            if (stopping != null && stopping.stop(record, params, history)) break;
        }
        for (TrainingListener l : all) l.onTrainEnd(history);
        return history;
    }

    /**
     * The optimizer's step on θ. After a split batch dL/dθ comes in two parts, θ's gradient and the twin's
     * ({@code secondHalf}), which the optimizer adds as part of its step; a weight penalty needs the whole of dL/dθ first.
     */
    private void step(ParameterVector theta, INDArray secondHalf, List<Param> params) {
        if (weightPenalty != null) {
            if (secondHalf != null) Optimizer.axpy(1.0, secondHalf, theta.all.grad);
            weightPenalty.addGradient(params);
            optimizer.step(List.of(theta.all));
        } else if (secondHalf == null) {
            optimizer.step(List.of(theta.all));
        } else {
            optimizer.step(theta.all, secondHalf);                                      // dL/dθ = first half's + second's, added in the step
        }
    }

    /**
     * The History of this trainer's latest {@code fit}, as far as it got: after the stop button interrupted training,
     * the epochs that finished (the interrupted cell never returned its History).
     */
    public History lastHistory() {
        return lastHistory;
    }

    /** The loss of {@code model} on the data, in inference mode (no dropout), in batches. */
    public double evaluate(Layer model, INDArray inputs, INDArray targets) {
        Backpropagation asInTraining = new Backpropagation(model, loss, logitsShortcut);   // only its loss: from the logits, when it can
        double sum = 0;
        int n = inputs.rows();
        for (int from = 0; from < n; from += 4096) {
            int to = Math.min(n, from + 4096);
            INDArray x = inputs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray t = targets.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            try (MemoryWorkspace scratch = Memory.evaluationScope()) {                  // a number comes out, no arrays
                sum += asInTraining.loss(model.forward(x, false), t) * (to - from);
            }
        }
        return sum / n;
    }

    public Loss loss() {
        return loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    private double penalties(Layer model, List<Param> params) {
        double extra = weightPenalty == null ? 0 : weightPenalty.value(params);
        return extra + model.penaltyValue();   // a code penalty, a VAE's KL term
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {          // Fisher–Yates
            int j = random.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
