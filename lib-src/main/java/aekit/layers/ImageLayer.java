package aekit.layers;

import aekit.fast.ImageLoops;
import aekit.fast.OffHeap;
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

    /** Checks that x is [N, in.size()] and remembers N for the backward pass. */
    protected void beginBatch(INDArray x) {
        requireImages(x);
        batch = x.rows();
    }

    /** The numbers of x in reading order, after {@link #beginBatch}. */
    protected double[] readImages(INDArray x) {
        beginBatch(x);
        return values(x);
    }

    /** x must be a matrix of images of this layer's input shape, one per row. */
    protected void requireImages(INDArray x) {
        requireMatrix(x);
        requireWidth(x.columns());
    }

    /** The numbers of a in reading order, widened to double (float32 arrays in one bulk copy: ND4J's asDouble reads one at a time). */
    protected static double[] values(INDArray a) {
        if (a.dataType() != DataType.FLOAT || !OffHeap.isContiguous(a)) return a.dup('c').data().asDouble();
        float[] f = new float[(int) a.length()];
        OffHeap.floats(a).get(0, f);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** Numbers in reading order back into rows [batch, shape.size()] of the given type. */
    protected INDArray rows(double[] values, ImageShape shape, DataType type) {
        long[] dims = {batch, shape.size()};
        if (type != DataType.FLOAT) return Nd4j.create(values, dims, 'c').castTo(type);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Nd4j.create(f, dims, 'c');
    }

    /**
     * Image by image, out[o] = a[source[o]] as rows [batch, shape.size()], in a's own precision: the forward pass of a
     * layer that only moves numbers (pooling, upsampling). The map holds, for each output number of one image (or of
     * every image, when it is batch times as long), the index of the input number it takes, within that image.
     */
    protected INDArray gather(INDArray a, int[] source, ImageShape shape) {
        int inSize = (int) a.columns(), outSize = shape.size();
        if (ImageLoops.handles(a)) return ImageLoops.gather(a, source, batch, outSize);   // float32: the same loop, in float
        double[] from = values(a), to = new double[batch * outSize];
        for (int n = 0; n < batch; n++) {
            int map = source.length == outSize ? 0 : n * outSize, at = n * inSize;
            for (int o = 0; o < outSize; o++) to[n * outSize + o] = from[at + source[map + o]];
        }
        return Nd4j.create(to, new long[] {batch, outSize}, 'c').castTo(a.dataType());
    }

    /** The same map backwards, out[source[o]] += g[o], so that a number sent to several places collects all their gradients. */
    protected INDArray scatterAdd(INDArray g, int[] source, ImageShape shape) {
        int gradSize = (int) g.columns(), outSize = shape.size();
        if (ImageLoops.handles(g)) return ImageLoops.scatterAdd(g, source, batch, outSize);   // float32: the same loop, in float
        double[] from = values(g), to = new double[batch * outSize];
        for (int n = 0; n < batch; n++) {
            int map = source.length == gradSize ? 0 : n * gradSize, at = n * outSize;
            for (int o = 0; o < gradSize; o++) to[at + source[map + o]] += from[n * gradSize + o];
        }
        return Nd4j.create(to, new long[] {batch, outSize}, 'c').castTo(g.dataType());
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
