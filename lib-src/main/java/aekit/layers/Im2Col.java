package aekit.layers;

/**
 * The trick that turns a convolution into one matrix product. Every k×k patch the filter visits becomes one row of
 * a matrix "cols", all channels side by side:
 *
 * <pre>
 * cols[(n·Ho + oh)·Wo + ow][(c·k + i)·k + j] = x[n][c][oh·s − p + i][ow·s − p + j]     (0 outside the image)
 * </pre>
 *
 * Then a convolution with F filters is cols·W, W: [C·k·k, F]. {@link #col2im} runs the same map backwards,
 * adding each entry of cols back into the pixel it came from (a pixel under several patches collects several
 * gradients): that is the transpose of im2col, which is what the backward pass needs.
 */
final class Im2Col {
    private Im2Col() {}

    static double[] im2col(double[] x, int n, ImageShape in, int k, int stride, int pad, int outH, int outW) {
        int c = in.channels(), h = in.height(), w = in.width(), patch = c * k * k;
        double[] cols = new double[n * outH * outW * patch];
        for (int img = 0; img < n; img++)
            for (int oh = 0; oh < outH; oh++)
                for (int ow = 0; ow < outW; ow++) {
                    int row = ((img * outH + oh) * outW + ow) * patch;
                    for (int ch = 0; ch < c; ch++)
                        for (int i = 0; i < k; i++) {
                            int r = oh * stride - pad + i;
                            for (int j = 0; j < k; j++) {
                                int col = ow * stride - pad + j;
                                if (r >= 0 && r < h && col >= 0 && col < w) cols[row + (ch * k + i) * k + j] = x[((img * c + ch) * h + r) * w + col];
                            }
                        }
                }
        return cols;
    }

    static double[] col2im(double[] cols, int n, ImageShape in, int k, int stride, int pad, int outH, int outW) {
        int c = in.channels(), h = in.height(), w = in.width(), patch = c * k * k;
        double[] x = new double[n * in.size()];
        for (int img = 0; img < n; img++)
            for (int oh = 0; oh < outH; oh++)
                for (int ow = 0; ow < outW; ow++) {
                    int row = ((img * outH + oh) * outW + ow) * patch;
                    for (int ch = 0; ch < c; ch++)
                        for (int i = 0; i < k; i++) {
                            int r = oh * stride - pad + i;
                            for (int j = 0; j < k; j++) {
                                int col = ow * stride - pad + j;
                                if (r >= 0 && r < h && col >= 0 && col < w) x[((img * c + ch) * h + r) * w + col] += cols[row + (ch * k + i) * k + j];
                            }
                        }
                }
        return x;
    }
}
