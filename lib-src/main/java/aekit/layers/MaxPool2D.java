package aekit.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * Max pooling: each channel is cut into size×size blocks, and each block keeps only its largest value.
 *
 * <pre>
 * forward:   y[c][r][q] = max_{i,j < size} x[c][r·size + i][q·size + j]       remember where the max was
 * backward:  dx = dy at the remembered position of each block, 0 elsewhere     (only the winner moved the output)
 * </pre>
 *
 * Height and width must be multiples of the size, or, with {@link #same}, the blocks overhang the image's edges and
 * the cells outside are ignored (Keras's {@code padding='same'}: H/size rounded up, half the overhang before the
 * image, rounded down, the rest after; 7×7 pools to 4×4 with the last blocks cut short). Ties go to the first
 * maximum in reading order.
 */
public final class MaxPool2D extends ImageLayer {
    private final int size;
    private final boolean partialBlocks;
    private int[] winners;        // for every output value, the index it came from within its image

    public MaxPool2D(ImageShape in, int size) {
        this(in, size, false);
    }

    private MaxPool2D(ImageShape in, int size, boolean partialBlocks) {
        super("maxpool", in, pooled(in, size, partialBlocks));
        this.size = size;
        this.partialBlocks = partialBlocks;
    }

    /** Blocks of size×size overhanging the edges where the size does not divide the image (Keras's 'same'): H/size rounded up. */
    public static MaxPool2D same(ImageShape in, int size) {
        return new MaxPool2D(in, size, true);
    }

    private static ImageShape pooled(ImageShape in, int size, boolean partialBlocks) {
        if (size <= 0) throw new IllegalArgumentException("MaxPool2D needs a positive block size, got " + size);
        if (partialBlocks) return new ImageShape(in.channels(), (in.height() + size - 1) / size, (in.width() + size - 1) / size);
        if (in.height() % size != 0 || in.width() % size != 0) {
            throw new IllegalArgumentException(String.format("MaxPool2D: blocks of %d must tile a %s image exactly (MaxPool2D.same allows cut-short edge blocks)", size, in));
        }
        return new ImageShape(in.channels(), in.height() / size, in.width() / size);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        double[] v = readImages(x);
        winners = new int[batch * out.size()];
        int top = padding(in.height(), out.height()), left = padding(in.width(), out.width());
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < in.channels(); c++)
                for (int r = 0; r < out.height(); r++)
                    for (int q = 0; q < out.width(); q++) {
                        int best = -1;
                        for (int i = Math.max(0, top - r * size); i < size && r * size - top + i < in.height(); i++)
                            for (int j = Math.max(0, left - q * size); j < size && q * size - left + j < in.width(); j++) {
                                int idx = ((n * in.channels() + c) * in.height() + r * size - top + i) * in.width() + q * size - left + j;
                                if (best < 0 || v[idx] > v[best]) best = idx;
                            }
                        winners[((n * out.channels() + c) * out.height() + r) * out.width() + q] = best - n * in.size();   // within image n
                    }
        return gather(x, winners, out);
    }

    /**
     * Rows (or columns) of padding before the first block: TensorFlow's 'same' rule puts half of the shortfall
     * before the image (rounded down) and the rest after; 0 when the blocks tile the image.
     */
    private int padding(int inSize, int outSize) {
        return ((outSize - 1) * size + size - inSize) / 2;
    }

    @Override
    public INDArray backward(INDArray dy) {
        return scatterAdd(dy, winners, in);
    }


    /** The same pooling by SameDiff's maxPooling2d, 'same' padding where the blocks are cut short (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        boolean cutShort = in.height() % size != 0 || in.width() % size != 0;                         // Keras's 'same'
        SDVariable image = x.reshape(-1, in.channels(), in.height(), in.width());
        return graph.sd().cnn().maxPooling2d(image, Pooling2DConfig.builder().kH(size).kW(size).sH(size).sW(size)
                .paddingMode(cutShort ? PaddingMode.SAME : PaddingMode.VALID).isNHWC(false).build()).reshape(-1, out.size());
    }

    /** No weights: a second pool of the same size keeps its own winners. */
    @Override
    public Layer twin() {
        MaxPool2D twin = new MaxPool2D(in, size, partialBlocks);
        twin.rename(name());
        return twin;
    }

    public int size() {
        return size;
    }

    @Override
    public String describe() {
        return String.format("MaxPool2D(%s → %s, %d×%d)", in, out, size, size);
    }
}
