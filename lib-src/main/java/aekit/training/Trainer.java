package aekit.training;

import aekit.Kit;
import aekit.Memory;
import aekit.data.Noise;
import aekit.activations.Sigmoid;
import aekit.layers.ActivationLayer;
import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.Loss;
import aekit.optimizers.Adam;
import aekit.optimizers.Optimizer;
import aekit.regularizers.WeightPenalty;
import aekit.fast.Blas;
import aekit.fast.OffHeap;
import aekit.fast.TwoCores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * then the validation loss, a progress line, and early stopping if asked. A NaN or infinite loss stops
 * training at once with a {@link TrainingDivergedException} saying where and why it usually happens.
 *
 * <p>A batch of 64 rows or more is split in two halves, one per core (data parallelism): the model takes the first,
 * its {@link Layer#twin() twin} — the same weights, its own buffers and gradients — the second, and the two gradients
 * are added, θ's first half on one core and its second on the other, as part of the optimizer's step
 * ({@link Optimizer#step(Param, INDArray)}). The loss is a mean over rows, so that is the batch's gradient, up to
 * rounding. {@link #splitBatches(boolean) splitBatches(false)} keeps each batch in one piece.
 *
 * <p>When the model ends in a sigmoid and the loss is binary cross-entropy, the loss starts from the logits z
 * (the sigmoid's input), as Keras does: the sigmoid's derivative cancels BCE's denominator, so
 * g = dL/dz = (x̂ − x)/ND and backpropagation starts below the sigmoid (see {@link BinaryCrossEntropy}).
 * Same gradient, a third of the element-wise work; the loss and g come out of one pass over the numbers.
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
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final java.util.Map<Layer, ParameterVector> vectors = new java.util.WeakHashMap<>();
    private final java.util.Map<Layer, Halves> halves = new java.util.WeakHashMap<>();
    private boolean splitBatches = true;
    private final java.util.Map<Layer, INDArray> logitGradients = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

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
        requireSameRows("validation inputs", inputs, "validation targets", targets);
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
        checkData(model, inputs, targets);
        if (validationTargets != null) loss.checkTargets(validationTargets);
        ParameterVector flat = parameterVector(model, model.params());
        Halves halves = halvesFor(model, flat);                                     // null: each batch in one piece
        int blasThreads = Blas.threads();
        if (halves != null) Blas.threads(1);                                        // each half's products on its own core
        try {
            return train(model, inputs, targets, flat, halves, blasThreads);
        } finally {
            Blas.threads(blasThreads);
        }
    }

    private History train(Layer model, INDArray inputs, INDArray targets, ParameterVector flat, Halves halves, int blasThreads) {
        List<Param> params = model.params();
        ActivationLayer sigmoidOutput = sigmoidOutputForBce(model);                 // null: the chain rule all the way
        List<TrainingListener> all = new ArrayList<>(listeners);
        if (showProgress) all.add(new Progress());
        History history = new History();
        lastHistory = history;   // filled epoch by epoch: still readable if this fit is interrupted
        Random shuffler = new Random(seed);
        int n = inputs.rows();
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0;
        List<INDArray> bestWeights = null;

        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            shuffle(order, shuffler);
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += batchSize) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                double batchLoss;
                INDArray secondHalf = null;                                              // the twin's dL/dθ, when the batch was split
                try (MemoryWorkspace batchMemory = Memory.batchScope()) {                // temporaries live here
                    if (halves != null && rows.length >= 2 * Halves.MIN_ROWS) {
                        batchLoss = halves.forwardAndBackward(model, inputs, targets, rows);   // half the rows on each core
                        secondHalf = halves.twinGradient;
                    } else {
                        INDArray target = OffHeap.gatherRows(targets, rows);
                        INDArray x = targets == inputs ? target : OffHeap.gatherRows(inputs, rows);
                        if (inputNoise != null) x = inputNoise.apply(x);
                        flat.all.zeroGrad();                                             // every dL/dθ back to 0, in one call
                        batchLoss = forwardAndBackward(model, sigmoidOutput, x, target, 1.0);
                    }
                    batchLoss += penalties(model, params);
                    if (!Double.isFinite(batchLoss)) throw diverged(epoch, batches + 1, batchLoss, inputs);
                    if (weightPenalty != null) {
                        if (secondHalf != null) Optimizer.axpy(1.0, secondHalf, flat.all.grad);   // the whole dL/dθ first
                        secondHalf = null;
                        weightPenalty.addGradient(params);
                    }
                    if (secondHalf == null) optimizer.step(List.of(flat.all));          // SGD / Adam step, on all of θ at once
                    else optimizer.step(flat.all, secondHalf);                           // dL/dθ = first half's + second's, added in the step
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

            if (patience > 0) {
                double monitored = Double.isNaN(validation) ? record.trainLoss() : validation;
                if (monitored < best - minDelta) {
                    best = monitored;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    bestWeights = copies(params);
                } else if (++sinceBest >= patience) {
                    for (int i = 0; i < params.size(); i++) params.get(i).value.assign(bestWeights.get(i));
                    history.stoppedEarly(bestEpoch);
                    break;
                }
            }
        }
        for (TrainingListener l : all) l.onTrainEnd(history);
        return history;
    }

    /**
     * One piece of a batch through {@code model}: forward pass, loss, backpropagation. Returns the piece's loss (the
     * mean over its rows); the gradients it adds are {@code share} times its own, share being its part of the batch.
     */
    private double forwardAndBackward(Layer model, ActivationLayer sigmoidOutput, INDArray x, INDArray target, double share) {
        INDArray prediction = model.forward(x, true);                                    // forward pass
        if (sigmoidOutput == null) {
            double value = loss.value(prediction, target);
            INDArray gradient = loss.gradient(prediction, target);
            model.backward(share == 1.0 ? gradient : gradient.muli(share), false);      // backpropagation (no one reads dL/dx of the data)
            return value;
        }
        INDArray buffer = logitGradients.get(sigmoidOutput);                             // reused: the hot path makes no new arrays
        if (buffer == null || !Arrays.equals(buffer.shape(), prediction.shape()) || buffer.dataType() != prediction.dataType()) {
            buffer = Memory.persistent(() -> Nd4j.createUninitialized(prediction.dataType(), prediction.shape()));
            logitGradients.put(sigmoidOutput, buffer);
        }
        double value = bce().valueAndGradientFromLogits(sigmoidOutput.logits(), prediction, target, share, buffer);   // one pass
        model.backwardFromLogits(buffer, false);
        return value;
    }

    /**
     * A batch split in two, one half on each core: the first half through the model, the second through its twin
     * (the same weights, its own buffers and gradients). The loss is a mean over rows, so the batch's gradient is the
     * halves' gradients, each times its share of the rows, added together. Always split the same way, on one core or
     * two, so a seed gives the same numbers on either.
     */
    private final class Halves {
        static final int MIN_ROWS = 32;   // a smaller half is not worth the hand-over to the second core
        // No field holds the model itself: `halves` maps it weakly, and a value that held its key would keep every
        // model this trainer ever fitted alive, with its buffers.
        final Layer twin;                 // runs the second half
        final ActivationLayer[] outputs;  // the model's and the twin's sigmoid outputs, for the logits shortcut (or null)
        final ParameterVector flat;
        final INDArray twinGradient;
        final INDArray[] inputs = new INDArray[2], targets = new INDArray[2];   // each half's rows, reused batch to batch
        final double[] losses = new double[2];

        Halves(Layer model, Layer twin, ParameterVector flat) {
            this.twin = twin;
            this.outputs = new ActivationLayer[] {sigmoidOutputForBce(model), sigmoidOutputForBce(twin)};
            this.flat = flat;
            this.twinGradient = flat.gradientOf(twin.params());
        }

        /** The batch's loss; θ's gradient holds the first half's part of dL/dθ afterwards, twinGradient the second's. */
        double forwardAndBackward(Layer model, INDArray allInputs, INDArray allTargets, int[] rows) {
            int n = rows.length, half = n / 2;
            int[][] part = {Arrays.copyOfRange(rows, 0, half), Arrays.copyOfRange(rows, half, n)};
            double[] share = {(double) half / n, (double) (n - half) / n};
            INDArray[] noisy = new INDArray[2];
            if (inputNoise != null) {   // drawn here, first half first: the same noise on one core or two
                for (int h = 0; h < 2; h++) noisy[h] = inputNoise.apply(OffHeap.gatherRows(allInputs, part[h]));
            }
            TwoCores.both(() -> losses[0] = half(0, model, allInputs, allTargets, part[0], noisy[0], share[0]),
                          () -> {
                              try (MemoryWorkspace helperMemory = Memory.batchScope()) {   // the helper thread's own arena
                                  losses[1] = half(1, twin, allInputs, allTargets, part[1], noisy[1], share[1]);
                              }
                          });
            return share[0] * losses[0] + share[1] * losses[1];
        }

        private double half(int h, Layer network, INDArray allInputs, INDArray allTargets, int[] rows, INDArray noisy, double share) {
            OffHeap.zero(h == 0 ? flat.all.grad : twinGradient);                         // memset: no ND4J call in a half (TwoCores)
            INDArray target = targets[h] = OffHeap.gatherRows(allTargets, rows, targets[h]);
            INDArray x = noisy != null ? noisy : allInputs == allTargets ? target : (inputs[h] = OffHeap.gatherRows(allInputs, rows, inputs[h]));
            return Trainer.this.forwardAndBackward(network, outputs[h], x, target, share);
        }
    }

    /** The model's halves, when every layer has a twin and the loss is a mean over rows; else null. */
    private Halves halvesFor(Layer model, ParameterVector flat) {
        if (!splitBatches || !loss.isMeanOverRows()) return null;
        Halves halves = this.halves.get(model);
        if (halves == null || halves.flat != flat) {
            Layer twin = model.twin();
            if (twin == null) return null;
            halves = new Halves(model, twin, flat);
            this.halves.put(model, halves);
        }
        return halves;
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
        ActivationLayer sigmoidOutput = sigmoidOutputForBce(model);
        double sum = 0;
        int n = inputs.rows();
        for (int from = 0; from < n; from += 4096) {
            int to = Math.min(n, from + 4096);
            INDArray x = inputs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray t = targets.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            try (MemoryWorkspace scratch = Memory.evaluationScope()) {                  // a number comes out, no arrays
                sum += lossValue(sigmoidOutput, model.forward(x, false), t) * (to - from);
            }
        }
        return sum / n;
    }

    /** The model's output layer when it is a sigmoid and the loss is BCE (the logits shortcut applies), else null. */
    private ActivationLayer sigmoidOutputForBce(Layer model) {
        return logitsShortcut && loss instanceof BinaryCrossEntropy && model.lastLayer() instanceof ActivationLayer output
                && output.activation instanceof Sigmoid ? output : null;
    }

    private double lossValue(ActivationLayer sigmoidOutput, INDArray prediction, INDArray target) {
        return sigmoidOutput == null ? loss.value(prediction, target)
                                     : bce().valueFromLogits(sigmoidOutput.logits(), prediction, target);
    }

    private BinaryCrossEntropy bce() {
        return (BinaryCrossEntropy) loss;
    }

    /** The model's parameters as one vector, kept between fits so the optimizer's state (Adam's m, v) carries on. */
    private ParameterVector parameterVector(Layer model, List<Param> params) {
        ParameterVector flat = vectors.get(model);
        if (flat == null || !flat.holds(params)) {
            flat = ParameterVector.of(params);
            vectors.put(model, flat);
        }
        return flat;
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

    private void checkData(Layer model, INDArray inputs, INDArray targets) {
        if (inputs == null || targets == null) {
            throw new IllegalArgumentException("fit: the " + (inputs == null ? "inputs are" : "targets are") + " null");
        }
        if (inputs.rank() != 2 || inputs.rows() == 0) {
            throw new IllegalArgumentException("training needs a non-empty matrix [samples, features], got shape " + Arrays.toString(inputs.shape()));
        }
        requireSameRows("inputs", inputs, "targets", targets);
        model.outputSize((int) inputs.columns());   // names the first layer that cannot take this width
        if (inputs.isNaN().any() || inputs.isInfinite().any()) {
            throw new IllegalArgumentException("the training inputs contain NaN or infinite values: clean or impute them before training"
                    + " (for missing entries: fill the inputs, mark the targets NaN and train with a MaskedLoss)");
        }
        if ((!loss.acceptsMissingTargets() && targets.isNaN().any()) || targets.isInfinite().any()) {
            throw new IllegalArgumentException("the training targets contain NaN or infinite values: clean or impute them before training"
                    + " (if NaN marks a missing entry, train with new MaskedLoss(" + loss.name() + "))");
        }
        loss.checkTargets(targets);   // before the first batch: cross-entropies need targets in [0, 1]
    }

    private static void requireSameRows(String a, INDArray x, String b, INDArray y) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException(String.format("%s have %d rows but %s have %d: each input needs exactly one target",
                    a, x.rows(), b, y.rows()));
        }
    }

    private TrainingDivergedException diverged(int epoch, int batch, double value, INDArray inputs) {
        double min = inputs.minNumber().doubleValue(), max = inputs.maxNumber().doubleValue();
        StringBuilder hints = new StringBuilder("Usual causes: ");
        hints.append(String.format(java.util.Locale.ROOT, "the learning rate (%s) is too high — try 10× smaller; ", optimizer.describe()));
        if (min < 0 || max > 1) {
            hints.append(String.format(java.util.Locale.ROOT,
                    "the inputs are not scaled (they range over [%g, %g]; scale pixels to [0, 1], e.g. divide by 255, or z-score tabular columns)", min, max));
        } else {
            hints.append("the inputs look scaled (all in [0, 1]), so start with the learning rate");
        }
        return new TrainingDivergedException(epoch, batch, value, hints.toString());
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {          // Fisher–Yates
            int j = random.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    private static List<INDArray> copies(List<Param> params) {
        List<INDArray> out = new ArrayList<>();
        for (Param p : params) out.add(p.value.dup());
        return out;
    }
}
