package aekit.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers applied one after another: forward runs them first to last, backward last to first,
 * each handing its gradient dL/dx to the layer below (the chain rule, one layer at a time).
 */
public final class Sequential extends Layer {
    private final List<Layer> layers;
    private final int inputSize;

    /**
     * @param name       prefix for the layer names, e.g. {@code encoder} gives {@code encoder.dense1}, then
     *                   {@code encoder.relu1} for the activation that follows it: every layer's name is unique
     * @param inputSize  the width of the input, checked against every layer in turn
     */
    public Sequential(String name, int inputSize, List<Layer> layers) {
        super(name);
        if (layers.isEmpty()) throw new IllegalArgumentException("Sequential '" + name + "' needs at least one layer");
        this.layers = List.copyOf(layers);
        this.inputSize = inputSize;
        int dense = 0;
        for (Layer layer : this.layers) {
            String kind = (layer instanceof Dense || layer instanceof TiedDense) ? "dense" + (++dense)
                    : layer.kind() + (dense > 0 ? dense : "");
            if (!(layer instanceof Sequential)) layer.rename(name + "." + kind);
        }
        outputSize(inputSize);   // fails now, naming the layer, if the sizes do not chain
    }

    public Sequential(String name, int inputSize, Layer... layers) {
        this(name, inputSize, List.of(layers));
    }

    private Sequential(Sequential original, List<Layer> twins) {   // the twins keep the originals' names and sizes
        super(original.name());
        this.layers = List.copyOf(twins);
        this.inputSize = original.inputSize;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        for (Layer layer : layers) x = layer.forward(x, training);
        return x;
    }

    @Override
    public INDArray backward(INDArray dy) {
        return backward(dy, true);
    }

    @Override
    public INDArray backward(INDArray dy, boolean inputGradient) {
        return backwardFrom(layers.size() - 1, dy, inputGradient);
    }

    /** The last layer takes dL/dz, the rest backpropagate as usual. */
    @Override
    public INDArray backwardFromLogits(INDArray dz, boolean inputGradient) {
        int last = layers.size() - 1;
        INDArray below = layers.get(last).backwardFromLogits(dz, last > 0 || inputGradient);
        return last == 0 ? below : backwardFrom(last - 1, below, inputGradient);
    }

    /** dy through layers {@code top}, top − 1, …, 0. */
    private INDArray backwardFrom(int top, INDArray dy, boolean inputGradient) {
        for (int i = top; i > 0; i--) dy = layers.get(i).backward(dy);
        return layers.get(0).backward(dy, inputGradient);   // only the first layer's dL/dx may go unused
    }

    /** Every layer's SameDiff equivalent, in order. */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        for (Layer layer : layers) x = layer.sameDiff(graph, x);
        return x;
    }

    /** Every layer's twin, in order; {@code null} if any layer cannot have one. */
    @Override
    public Layer twin() {
        List<Layer> twins = new ArrayList<>();
        for (Layer layer : layers) {
            Layer twin = layer.twin();
            if (twin == null) return null;
            twins.add(twin);
        }
        return new Sequential(this, twins);
    }

    @Override
    public Layer lastLayer() {
        return layers.get(layers.size() - 1).lastLayer();
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Layer layer : layers) all.addAll(layer.params());
        return Collections.unmodifiableList(all);
    }

    @Override
    public int outputSize(int inputSize) {
        int width = inputSize;
        for (Layer layer : layers) width = layer.outputSize(width);
        return width;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The width of the input it was built for (every layer checked against it): what an encoder reads. */
    public int inputSize() {
        return inputSize;
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (Layer layer : layers) s.append(s.length() == 0 ? "" : " → ").append(layer.describe());
        return s.toString();
    }
}
