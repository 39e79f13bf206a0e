package aekit.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling: each channel is cut into size×size blocks, and each block keeps only its largest value.
 *
 * <pre>
 * forward:   y[c][r][q] = max_{i,j < size} x[c][r·size + i][q·size + j]       remember where the max was
 * backward:  dx = dy at the remembered position of each block, 0 elsewhere     (only the winner moved the output)
 * </pre>
 *
 * Height and width must be multiples of the size. Ties go to the first maximum in reading order.
 */
public final class MaxPool2D extends ImageLayer {
    private final int size;
    private int[] winners;        // for every output value, the input index it came from

    public MaxPool2D(ImageShape in, int size) {
        super("maxpool", in, pooled(in, size));
        this.size = size;
    }

    private static ImageShape pooled(ImageShape in, int size) {
        if (size <= 0 || in.height() % size != 0 || in.width() % size != 0) {
            throw new IllegalArgumentException(String.format("MaxPool2D: blocks of %d must tile a %s image exactly", size, in));
        }
        return new ImageShape(in.channels(), in.height() / size, in.width() / size);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        double[] v = readImages(x), y = new double[batch * out.size()];
        winners = new int[y.length];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < in.channels(); c++)
                for (int r = 0; r < out.height(); r++)
                    for (int q = 0; q < out.width(); q++) {
                        int best = -1;
                        for (int i = 0; i < size; i++)
                            for (int j = 0; j < size; j++) {
                                int idx = ((n * in.channels() + c) * in.height() + r * size + i) * in.width() + q * size + j;
                                if (best < 0 || v[idx] > v[best]) best = idx;
                            }
                        int o = ((n * out.channels() + c) * out.height() + r) * out.width() + q;
                        y[o] = v[best];
                        winners[o] = best;
                    }
        return rows(y, out, x.dataType());
    }

    @Override
    public INDArray backward(INDArray dy) {
        double[] g = values(dy), dx = new double[batch * in.size()];
        for (int o = 0; o < g.length; o++) dx[winners[o]] += g[o];
        return rows(dx, in, dy.dataType());
    }


    public int size() {
        return size;
    }

    @Override
    public String describe() {
        return String.format("MaxPool2D(%s → %s, %d×%d)", in, out, size, size);
    }
}
