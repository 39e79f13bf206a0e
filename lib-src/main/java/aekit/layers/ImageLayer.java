package aekit.layers;

/**
 * A layer that reads images of one shape and writes images of another, each image a row (see {@link ImageShape}).
 * It holds the two shapes and the width check every such layer needs, so that a wrong input names the layer and
 * both shapes.
 */
public abstract class ImageLayer extends Layer {
    protected final ImageShape in;
    protected final ImageShape out;

    protected ImageLayer(String name, ImageShape in, ImageShape out) {
        super(name);
        this.in = in;
        this.out = out;
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
