package aekit.model;

import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.layers.SameDiffGraph;
import aekit.layers.Sequential;
import aekit.training.History;
import aekit.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the plain and the variational autoencoder share: an encoder, a decoder, and the chain rule that runs back from
 * the decoder through the encoder.
 *
 * <pre>
 * forward:   x → encoder → the code (h itself, or a z drawn around it) → decoder → x̂
 * backward:  dL/dx̂ → decoder → dL/dcode → {@link #backwardFromCode} → dL/dx
 * </pre>
 *
 * Each model writes its own forward pass and {@link #backwardFromCode}, where the two chain rules differ (a code
 * penalty's dΩ/dh; the sampling step and the KL term). The rest is here once: backpropagation through the decoder
 * (also from the logits), the parameters, the widths, {@code reconstruct}, {@code fit} with the kit's defaults, and the
 * summary table.
 */
public abstract class EncoderDecoder extends Layer {
    public final Sequential encoder;
    public final Sequential decoder;
    private final Layer between;   // a layer between encoder and decoder (a VAE's sampling), or null

    /**
     * @param between a layer from the encoder's output to the decoder's input (a VAE's {@code Sampling}), or null when
     *                the decoder reads the encoder's output itself
     */
    protected EncoderDecoder(String name, Sequential encoder, Layer between, Sequential decoder) {
        super(name);
        int inputWidth = encoder.inputSize();
        int outputWidth = decoder.outputSize(codeWidth(between, encoder.outputSize(inputWidth)));
        if (outputWidth != inputWidth) {
            throw new IllegalArgumentException(String.format(
                    "the decoder rebuilds width %d but the encoder takes width %d: a reconstruction must match its input",
                    outputWidth, inputWidth));
        }
        this.encoder = encoder;
        this.between = between;
        this.decoder = decoder;
    }

    private static int codeWidth(Layer between, int encoderWidth) {
        return between == null ? encoderWidth : between.outputSize(encoderWidth);
    }

    /** The code of x, in inference mode. */
    public abstract INDArray encode(INDArray x);

    /** The reconstruction of a code, in inference mode. */
    public abstract INDArray decode(INDArray code);

    /** x̂ = decode(encode(x)), in inference mode. */
    public INDArray reconstruct(INDArray x) {
        return decode(encode(x));
    }

    /** Trains with the kit's defaults: binary cross-entropy, Adam(1e-3), batches of 256. */
    public History fit(INDArray x, int epochs) {
        if (x == null) throw new IllegalArgumentException("fit(x): x is null");   // the trainer checks the rest (rows, NaN, range)
        return Trainer.defaults().epochs(epochs).fit(this, x);
    }

    @Override
    public INDArray backward(INDArray dy) {
        return backward(dy, true);
    }

    @Override
    public INDArray backward(INDArray dy, boolean inputGradient) {
        return backwardFromCode(decoder.backward(dy), inputGradient);
    }

    @Override
    public INDArray backwardFromLogits(INDArray dz, boolean inputGradient) {
        return backwardFromCode(decoder.backwardFromLogits(dz, true), inputGradient);
    }

    /** decoder(encoder(x)) in SameDiff, through the layer between them if there is one (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        SDVariable code = encoder.sameDiff(graph, x);
        if (between != null) code = between.sameDiff(graph, code);
        return decoder.sameDiff(graph, code);
    }

    /** dL/dx from dL/dcode, the gradient at the decoder's input: the chain rule back through the encoder. */
    protected abstract INDArray backwardFromCode(INDArray dCode, boolean inputGradient);

    @Override
    public Layer lastLayer() {
        return decoder.lastLayer();
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>(encoder.params());
        all.addAll(decoder.params());
        return all;
    }

    /** The width of x. */
    public int inputSize() {
        return encoder.inputSize();
    }

    @Override
    public int outputSize(int inputSize) {
        return decoder.outputSize(codeWidth(between, encoder.outputSize(inputSize)));
    }

    /** Every layer in the order data flows through them: the encoder's, then the one between, then the decoder's. */
    public List<Layer> layers() {
        List<Layer> all = new ArrayList<>(encoder.layers());
        if (between != null) all.add(between);
        all.addAll(decoder.layers());
        return all;
    }

    /** One row per layer: its name, what it computes, and how many numbers it learns. */
    public Table summary() {
        return layerTable(getClass().getSimpleName() + ", " + parameterCount() + " parameters", layers());
    }

    /** The summary table of any model in this package: a row per layer with its name, formula and parameter count. */
    static Table layerTable(String title, List<Layer> layers) {
        StringColumn names = StringColumn.create("layer");
        StringColumn kinds = StringColumn.create("computes");
        IntColumn counts = IntColumn.create("parameters");
        for (Layer layer : layers) {
            names.append(layer.name());
            kinds.append(layer.describe());
            counts.append((int) layer.parameterCount());
        }
        return Table.create(title, names, kinds, counts);
    }

    /**
     * The argument, or an error that names the call, the argument and what is wrong with it: null, no rows, or
     * NaN/infinite values (ND4J would fail deep inside, or hand back NaN codes without a word).
     */
    static INDArray given(INDArray argument, String call, String name) {
        String where = call + "(" + name + "): " + name;
        if (argument == null) throw new IllegalArgumentException(where + " is null");
        if (argument.rank() == 2 && argument.rows() == 0) throw new IllegalArgumentException(where + " has no rows");
        if (argument.dataType().isFPType() && !argument.isEmpty() && (argument.isNaN().any() || argument.isInfinite().any())) {
            throw new IllegalArgumentException(where + " holds NaN or infinite values: clean or impute them first");
        }
        return argument;
    }
}
