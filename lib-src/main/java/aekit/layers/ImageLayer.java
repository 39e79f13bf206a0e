package aekit.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer that reads images of one shape and writes images of another, each image a row (see {@link ImageShape}).
 * It holds the two shapes and the width check every such layer needs, so that a wrong input names the layer and
 * both shapes.
 */
public abstract class ImageLayer extends Layer {
    protected final ImageShape in;
    protected final ImageShape out;
    /** Images in the last forward pass; the backward pass returns as many. */
    protected int batch;

    protected ImageLayer(String name, ImageShape in, ImageShape out) {
        super(name);
        this.in = in;
        this.out = out;
    }

    /** The numbers of x in reading order, after checking that x is [N, in.size()]; remembers N for backward. */
    protected double[] readImages(INDArray x) {
        requireMatrix(x);
        requireWidth(x.columns());
        batch = x.rows();
        return values(x);
    }

    protected static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    /** Numbers in reading order back into rows [batch, shape.size()] of the given type. */
    protected INDArray rows(double[] values, ImageShape shape, DataType type) {
        return Nd4j.create(values, new long[] {batch, shape.size()}, 'c').castTo(type);
    }

    protected void requireWidth(long width) {
        if (width != in.size()) {
            throw new IllegalArgumentException(String.format("layer '%s' (%s) expects images %s = %d numbers per row, got %d",
                    name(), describe(), in, in.size(), width));
        }
    }

    @Override
    public int outputSize(int inputSize) {
        requireWidth(inputSize);
        return out.size();
    }

    public ImageShape inputShape() {
        return in;
    }

    public ImageShape outputShape() {
        return out;
    }
}
