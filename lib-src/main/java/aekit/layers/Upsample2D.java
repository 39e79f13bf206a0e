package aekit.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Nearest-neighbour upsampling, the decoder's way back up: every value becomes a factor×factor block of copies.
 *
 * <pre>
 * forward:   y[c][r][q] = x[c][r / f][q / f]              (integer division)
 * backward:  dx[c][r][q] = Σ_{i,j < f} dy[c][r·f + i][q·f + j]   each input fed f² outputs, so it collects their gradients
 * </pre>
 *
 * Followed by a convolution it learns to fill in detail (the Keras blog's convolutional autoencoder does this).
 */
public final class Upsample2D extends ImageLayer {
    private final int factor;
    private final int[] source;

    public Upsample2D(ImageShape in, int factor) {
        super("upsample", in, upsampled(in, factor));
        this.factor = factor;
        this.source = sources(in, out, factor);
    }

    private static ImageShape upsampled(ImageShape in, int factor) {
        if (factor <= 0) throw new IllegalArgumentException("Upsample2D needs a positive factor, got " + factor);
        return new ImageShape(in.channels(), in.height() * factor, in.width() * factor);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        beginBatch(x);
        return gather(x, source, out);
    }

    @Override
    public INDArray backward(INDArray dy) {
        return scatterAdd(dy, source, in);
    }

    /** For every output number of one image, the input number it copies: the forward formula as an index map. */
    private static int[] sources(ImageShape in, ImageShape out, int factor) {
        int[] source = new int[out.size()];
        for (int c = 0; c < out.channels(); c++)
            for (int r = 0; r < out.height(); r++)
                for (int q = 0; q < out.width(); q++)
                    source[(c * out.height() + r) * out.width() + q] = (c * in.height() + r / factor) * in.width() + q / factor;
        return source;
    }

    /** Each value times a f×f block of ones, in SameDiff (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        // [N, C, h, 1, w, 1] ⊙ [1, 1, 1, f, 1, f] → [N, C, h·f, w·f]
        SDVariable spread = x.reshape(-1, out.channels(), out.height() / factor, 1, out.width() / factor, 1);
        return spread.mul(graph.sd().constant(Nd4j.ones(DataType.DOUBLE, 1, 1, 1, factor, 1, factor))).reshape(-1, out.size());
    }

    /** No weights and no state but the batch size: a second upsampler of the same factor. */
    @Override
    public Layer twin() {
        Upsample2D twin = new Upsample2D(in, factor);
        twin.rename(name());
        return twin;
    }

    public int factor() {
        return factor;
    }

    @Override
    public String describe() {
        return String.format("Upsample2D(%s → %s, ×%d)", in, out, factor);
    }
}
