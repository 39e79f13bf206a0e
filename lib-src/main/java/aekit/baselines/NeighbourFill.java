package aekit.baselines;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fill-in a student tries first for missing pixels: the mean of the known pixels around each gap.
 *
 * <pre>
 * x̃[r][c] = mean{ x[r+i][c+j] : i, j ∈ {−1, 0, 1}, (r+i, c+j) inside the image and known }     for a missing (r, c)
 * </pre>
 *
 * One pass fills every missing pixel that has a known neighbour; the pixels it filled count as known in the next
 * pass, so a larger hole fills from its edge inwards (after at most 28 passes on a 28×28 image, every pixel is
 * known). Nothing is learned: it knows what pixels are near, not what digits look like.
 */
public final class NeighbourFill {
    private final int width;
    private final int height;

    public NeighbourFill(int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
        this.width = width;
        this.height = height;
    }

    /** For MNIST-sized images, 28×28. */
    public static NeighbourFill mnist() {
        return new NeighbourFill(28, 28);
    }

    /**
     * {@code images} with each pixel where {@code known} is 0 filled in; both [N, width·height], row-major. A row
     * with no known pixel at all stays as it is (there is nothing to fill from). The arguments are not changed.
     */
    public INDArray apply(INDArray images, INDArray known) {
        int d = width * height;
        for (INDArray a : new INDArray[] {images, known}) {
            if (a.rank() != 2 || a.columns() != d) {
                throw new IllegalArgumentException(String.format("neighbour fill %d×%d expects [N, %d] arrays, got shape %s",
                        width, height, d, Arrays.toString(a.shape())));
            }
        }
        if (images.rows() != known.rows()) {
            throw new IllegalArgumentException("neighbour fill: " + images.rows() + " images but " + known.rows() + " mask rows");
        }
        float[] x = images.dup('c').data().asFloat(), mask = known.dup('c').data().asFloat();
        boolean[] isKnown = new boolean[x.length];
        for (int i = 0; i < x.length; i++) isKnown[i] = mask[i] != 0;
        for (int img = 0; img < images.rows(); img++) fill(x, isKnown, img * d);
        return Nd4j.create(x, images.shape(), 'c').castTo(images.dataType());
    }

    private void fill(float[] x, boolean[] known, int base) {
        boolean[] next = new boolean[width * height];
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int p = 0; p < next.length; p++) next[p] = known[base + p];
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int at = base + r * width + c;
                    if (known[at]) continue;
                    double sum = 0;
                    int count = 0;
                    for (int i = Math.max(0, r - 1); i <= Math.min(height - 1, r + 1); i++) {
                        for (int j = Math.max(0, c - 1); j <= Math.min(width - 1, c + 1); j++) {
                            if (known[base + i * width + j]) {
                                sum += x[base + i * width + j];
                                count++;
                            }
                        }
                    }
                    if (count > 0) {
                        x[at] = (float) (sum / count);
                        next[r * width + c] = true;
                        changed = true;
                    }
                }
            }
            for (int p = 0; p < next.length; p++) known[base + p] = next[p];   // this pass's fills count from the next one
        }
    }
}
