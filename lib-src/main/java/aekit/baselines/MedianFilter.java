package aekit.baselines;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The denoiser a student tries first: replace each pixel by the median of its 3×3 neighbourhood.
 *
 * <pre>
 * y[r][c] = median{ x[r+i][c+j] : i, j ∈ {−1, 0, 1}, inside the image }
 * </pre>
 *
 * At the border only the neighbours inside the image count (6 at an edge, 4 in a corner; an even count takes the
 * mean of the two middle values). A median ignores a few extreme pixels, so it removes salt-and-pepper dots well —
 * and it also erases any stroke thinner than two pixels, which is what it costs on digits. Nothing is learned.
 */
public final class MedianFilter {
    private final int width;
    private final int height;

    public MedianFilter(int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
        this.width = width;
        this.height = height;
    }

    /** For MNIST-sized images, 28×28. */
    public static MedianFilter mnist() {
        return new MedianFilter(28, 28);
    }

    /** Filters every row of {@code images} ([N, width·height], row-major pixels); the argument is not changed. */
    public INDArray apply(INDArray images) {
        if (images.rank() != 2 || images.columns() != (long) width * height) {
            throw new IllegalArgumentException(String.format("median filter %d×%d expects images [N, %d], got shape %s",
                    width, height, width * height, Arrays.toString(images.shape())));
        }
        int n = images.rows(), d = width * height;
        float[] in = images.dup('c').data().asFloat(), out = new float[in.length];
        float[] window = new float[9];
        for (int img = 0; img < n; img++) {
            int base = img * d;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int count = 0;
                    for (int i = Math.max(0, r - 1); i <= Math.min(height - 1, r + 1); i++)
                        for (int j = Math.max(0, c - 1); j <= Math.min(width - 1, c + 1); j++) window[count++] = in[base + i * width + j];
                    Arrays.sort(window, 0, count);
                    out[base + r * width + c] = count % 2 == 1 ? window[count / 2] : (window[count / 2 - 1] + window[count / 2]) / 2;
                }
            }
        }
        return Nd4j.create(out, images.shape(), 'c').castTo(images.dataType());
    }
}
