package aekit.layers;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A step of the network: {@code forward} computes y = f(x) and keeps what {@code backward} needs;
 * {@code backward} receives dL/dy, adds dL/dθ into each {@link Param#grad} and returns dL/dx.
 *
 * <p>With {@code training = true} a layer may reuse its output buffers from batch to batch (the
 * trainer's hot path); with {@code training = false} it always returns fresh arrays that the caller
 * may keep. Dropout drops only in training.
 *
 * <p>A new layer writes {@code forward}, {@code backward}, {@code outputSize} and {@code describe} (and {@code params}
 * if it learns). Two more are optional, each with a default that says so when it matters: {@link #twin()} (to train
 * on two cores) and {@link #sameDiff} (to be checked against ND4J's autodiff). See CONTRIBUTING.md.
 */
public abstract class Layer {
    private static final Set<Class<?>> REPORTED_WITHOUT_TWIN = ConcurrentHashMap.newKeySet();
    private String name;

    protected Layer(String name) {
        this.name = name;
    }

    public abstract INDArray forward(INDArray x, boolean training);

    public abstract INDArray backward(INDArray dy);

    /**
     * As {@link #backward(INDArray)}, but the caller may say it has no use for dL/dx: the trainer does not, for
     * the layer that reads the data. A Dense layer then skips the product dy·Wᵀ (for the first layer of a
     * 784-wide model, a sixth of an epoch's arithmetic) and returns {@code null}.
     */
    public INDArray backward(INDArray dy, boolean inputGradient) {
        return backward(dy);
    }

    /**
     * Backpropagation that starts below the output activation: {@code dz} is dL/dz for the logits z that the
     * last layer (an {@link ActivationLayer}) received. The trainer uses it when the loss has gone through that
     * activation in one step — sigmoid + binary cross-entropy, where dL/dz = (x̂ − x)/ND.
     */
    public INDArray backwardFromLogits(INDArray dz, boolean inputGradient) {
        throw new UnsupportedOperationException(String.format(
                "layer '%s' (%s) does not end in an activation, so there are no logits to start backpropagation from",
                name, describe()));
    }

    /** The layer the data leaves through: this one, or the last layer inside it. */
    public Layer lastLayer() {
        return this;
    }

    /**
     * A term the model adds to the loss itself, from its last forward pass: a code penalty Ω(h), or a VAE's KL term.
     * The trainer and the gradient checks add it to the loss; {@code backward} already adds its gradient. 0 for most layers.
     */
    public double penaltyValue() {
        return 0;
    }

    /**
     * A second copy of this layer for the other half of a batch: it shares the weights (each {@link Param#twin()})
     * but keeps its own buffers and gradients, so the trainer can run one half of every batch on each of two cores
     * and add the two gradients. A layer that cannot be split that way — it draws random numbers (dropout, a VAE's
     * sampling), or its penalty is a mean over the whole batch — overrides this to return {@code null}.
     *
     * <p>This default is for a layer that has not said: it returns {@code null} too (every batch then trains in one
     * piece), and prints a one-line notice naming the layer, once per layer class.
     */
    public Layer twin() {
        if (REPORTED_WITHOUT_TWIN.add(getClass())) {
            System.err.printf("[aekit] layer '%s' (%s) has no twin(), so every batch trains in one piece, on one core: "
                    + "override Layer.twin() to split batches over two cores, or to return null if it cannot be split (CONTRIBUTING.md)%n", name, describe());
        }
        return null;
    }

    /**
     * The same forward formula in ND4J's SameDiff operations, reading the parameters as {@code graph}'s variables
     * ({@link SameDiffGraph#weight}): what {@link aekit.check.SameDiffCheck} differentiates to check {@code backward}.
     * A layer without one cannot be checked that way; the default says so, naming the layer.
     */
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        throw new UnsupportedOperationException(String.format("layer '%s' (%s) has no SameDiff equivalent: override "
                + "Layer.sameDiff(SameDiffGraph, SDVariable) with its forward formula in SameDiff's operations (CONTRIBUTING.md)", name, describe()));
    }

    /** The trainable arrays of this layer (and of the layers inside it). */
    public List<Param> params() {
        return List.of();
    }

    /** The output width for an input of width {@code inputSize}; throws if the layer cannot take it. */
    public abstract int outputSize(int inputSize);

    /** One short line, e.g. {@code Dense(784→128)}: used by summaries and by saved-model checks. */
    public abstract String describe();

    /** What a {@link Sequential} calls this kind of layer in its names, e.g. {@code relu} in {@code encoder.relu1}. */
    protected String kind() {
        return describe().replaceAll("\\(.*", "").toLowerCase(java.util.Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** Sequential names its layers after their place, e.g. {@code encoder.dense1}. */
    public void rename(String newName) {
        this.name = newName;
        for (Param p : params()) p.name = newName + "." + p.key;
    }

    /** Casts every parameter to {@code type}; inputs must then be of that type too. */
    public void castTo(DataType type) {
        for (Param p : params()) p.castTo(type);
    }

    public long parameterCount() {
        return params().stream().mapToLong(Param::size).sum();
    }

    /** Returns {@code buffer} when it already has {@code rows × cols} of the right type, else a new one. */
    protected static INDArray reuse(INDArray buffer, long rows, long cols, DataType type) {
        if (buffer != null && buffer.rows() == rows && buffer.columns() == cols && buffer.dataType() == type) return buffer;
        return aekit.Memory.persistent(() -> org.nd4j.linalg.factory.Nd4j.createUninitialized(type, rows, cols));
    }

    /** A [1, rows] row of ones (kept from the last call when it fits): dyᵀ·1 sums dy over its rows; 1·b puts b in each row. */
    protected static INDArray onesRow(INDArray buffer, long rows, DataType type) {
        if (buffer != null && buffer.columns() == rows && buffer.dataType() == type) return buffer;
        return aekit.Memory.persistent(() -> org.nd4j.linalg.factory.Nd4j.ones(type, 1, rows));
    }

    protected void requireMatrix(INDArray x) {
        if (x == null) throw new IllegalArgumentException(String.format("layer '%s' (%s) got null instead of a matrix", name, describe()));
        List<Param> own = params();
        if (!own.isEmpty() && x.dataType() != own.get(0).value.dataType()) {
            DataType weights = own.get(0).value.dataType();
            String fix = x.dataType().isFPType()
                    ? String.format("x.castTo(DataType.%s), or model.castTo(DataType.%s) to change the model", weights, x.dataType())
                    : String.format("x.castTo(DataType.%s) (a model computes in floating point)", weights);
            throw new IllegalArgumentException(String.format("layer '%s' (%s) holds %s weights but got %s input: make them match, %s",
                    name, describe(), weights, x.dataType(), fix));
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException(String.format(
                    "layer '%s' expects a matrix [batch, features] but got shape %s", name, java.util.Arrays.toString(x.shape())));
        }
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
