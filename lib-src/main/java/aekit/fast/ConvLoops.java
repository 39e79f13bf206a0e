package aekit.fast;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Conv2D}'s forward and backward pass in float32, one image at a time, for speed. Same formulas as the layer
 * (it tests them equal), arranged so that the patch matrix of one image stays in the processor's cache:
 *
 * <pre>
 * per image n:  colsᵀ = im2col(x_n)               [C·k·k, Ho·Wo]   every patch a column (the layer's cols, transposed)
 *               y_n   = Wᵀ·colsᵀ + b·1ᵀ           [F, Ho·Wo]       already the output's channels-first layout: no reordering
 *               dW   += colsᵀ·dy_nᵀ               [C·k·k, F]       colsᵀ rebuilt rather than stored (cheaper than re-reading it)
 *               db   += dy_n·1
 *               dx_n  = col2im(W·dy_n)
 * </pre>
 *
 * Building the whole batch's patch matrix at once (the layer's readable form) writes C·k·k numbers per output pixel to
 * memory and reads them back: 58 MB a batch of 128 for the Keras blog's last layer. Here colsᵀ is one image's (at most
 * 450 KB), and its rows are built from runs of neighbouring pixels ({@link Runs}), each one bulk copy.
 */
public final class ConvLoops {
    private final int channels, height, width, kernel, stride, pad, outH, outW, filters;
    private final Runs runs;
    private final FloatPointer cols, dcols;       // one image's patch matrix and its gradient, outside the Java heap
    private final FloatBuffer colsView;
    private final float[] colsCopy, dcolsCopy;    // the same on the Java heap, where short copies are fast; padding
                                                   // entries of colsCopy are never written, so they stay 0
    private final float[] image;                   // one input image, or its gradient
    private final FloatPointer ones;               // Ho·Wo ones: b·1ᵀ and dy_n·1 as BLAS calls

    public ConvLoops(int channels, int height, int width, int kernel, int stride, int pad, int filters) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
        this.outH = (height + 2 * pad - kernel) / stride + 1;
        this.outW = (width + 2 * pad - kernel) / stride + 1;
        this.filters = filters;
        this.runs = new Runs();
        long size = (long) patch() * positions();
        this.cols = new FloatPointer(size);
        this.dcols = new FloatPointer(size);
        this.colsView = cols.asBuffer();
        this.colsCopy = new float[(int) size];
        this.dcolsCopy = new float[(int) size];
        this.image = new float[channels * height * width];
        float[] one = new float[positions()];
        java.util.Arrays.fill(one, 1f);
        this.ones = new FloatPointer(one);
    }

    private int patch() {
        return channels * kernel * kernel;
    }

    private int positions() {
        return outH * outW;
    }

    /** Whether this fast path takes these arrays: all float32, each one contiguous run. */
    public static boolean handles(INDArray... arrays) {
        return OffHeap.allContiguousFloats(arrays);
    }

    /** y = conv(x) + b: x [N, C·H·W] float32, W [C·k·k, F], b [1, F]; returns [N, F·Ho·Wo]. */
    public INDArray forward(INDArray x, INDArray w, INDArray b) {
        int n = (int) x.rows(), outSize = filters * positions(), inSize = channels * height * width;
        FloatBuffer images = OffHeap.floats(x);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, outSize);
        FloatPointer wp = Blas.floats(w), bp = Blas.floats(b), yp = Blas.floats(y);
        for (int img = 0; img < n; img++) {
            images.get(img * inSize, image);
            im2col(image);
            yp.position((long) img * outSize);
            // y_n [F, P] = Wᵀ [F, Ckk] · colsᵀ [Ckk, P] + b·1ᵀ
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, filters, positions(), patch(), 1f, wp, filters, cols, positions(), 0f, yp, positions());
            cblas_sger(CblasRowMajor, filters, positions(), 1f, bp, 1, ones, 1, yp, positions());
        }
        return y;
    }

    /**
     * Adds dW and db into the gradients wGrad [C·k·k, F] and bGrad [1, F]; returns dx [N, C·H·W], or null when
     * the input gradient is not wanted (the first layer).
     */
    public INDArray backward(INDArray x, INDArray dy, INDArray w, INDArray wGrad, INDArray bGrad, boolean inputGradient) {
        int n = (int) x.rows(), outSize = filters * positions(), inSize = channels * height * width;
        FloatBuffer images = OffHeap.floats(x);
        INDArray dx = inputGradient ? Nd4j.createUninitialized(DataType.FLOAT, n, inSize) : null;
        FloatBuffer dxView = inputGradient ? OffHeap.floats(dx) : null;
        FloatPointer wp = Blas.floats(w), dyp = Blas.floats(dy), gp = Blas.floats(wGrad), bgp = Blas.floats(bGrad);
        for (int img = 0; img < n; img++) {
            images.get(img * inSize, image);
            im2col(image);
            dyp.position((long) img * outSize);
            // dW [Ckk, F] += colsᵀ [Ckk, P] · dy_nᵀ [P, F]
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, patch(), filters, positions(), 1f, cols, positions(), dyp, positions(), 1f, gp, filters);
            // db [F] += dy_n [F, P] · 1
            cblas_sgemv(CblasRowMajor, CblasNoTrans, filters, positions(), 1f, dyp, positions(), ones, 1, 1f, bgp, 1);
            if (!inputGradient) continue;
            // dcolsᵀ [Ckk, P] = W [Ckk, F] · dy_n [F, P]
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, patch(), positions(), filters, 1f, wp, filters, dyp, positions(), 0f, dcols, positions());
            dcols.get(dcolsCopy);
            java.util.Arrays.fill(image, 0f);
            col2im(image);
            dxView.put(img * inSize, image);
        }
        return dx;
    }

    private void im2col(float[] x) {
        for (int r = 0; r < runs.count; r++) {
            int from = runs.xAt[r], to = runs.colsAt[r], length = runs.length[r];
            if (stride == 1) {
                System.arraycopy(x, from, colsCopy, to, length);
            } else {
                for (int t = 0; t < length; t++) colsCopy[to + t] = x[from + t * stride];
            }
        }
        colsView.put(0, colsCopy);
    }

    private void col2im(float[] dx) {
        for (int r = 0; r < runs.count; r++) {
            int to = runs.xAt[r], from = runs.colsAt[r], length = runs.length[r];
            if (stride == 1) {
                for (int t = 0; t < length; t++) dx[to + t] += dcolsCopy[from + t];
            } else {
                for (int t = 0; t < length; t++) dx[to + t * stride] += dcolsCopy[from + t];
            }
        }
    }

    /**
     * The patch map of one image as runs: entry (row, oh·Wo + ow) of colsᵀ, row = (c·k + i)·k + j, holds pixel
     * x[c][oh·s − p + i][ow·s − p + j]. For fixed (row, oh) the pixels inside the image form one run along ow, so
     * colsᵀ[colsAt + t] = x[xAt + t·s] for t < length. Entries outside the image belong to no run (they stay 0).
     */
    private final class Runs {
        int count;
        int[] colsAt, xAt, length;

        Runs() {
            int max = patch() * outH;
            colsAt = new int[max];
            xAt = new int[max];
            length = new int[max];
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < kernel; i++)
                    for (int j = 0; j < kernel; j++)
                        for (int oh = 0; oh < outH; oh++) {
                            int row = (c * kernel + i) * kernel + j, r = oh * stride - pad + i;
                            if (r < 0 || r >= height) continue;
                            int first = Math.max(0, ceilDiv(pad - j, stride)), last = Math.min(outW - 1, Math.floorDiv(width - 1 + pad - j, stride));
                            if (first > last) continue;
                            colsAt[count] = row * positions() + oh * outW + first;
                            xAt[count] = (c * height + r) * width + first * stride - pad + j;
                            length[count] = last - first + 1;
                            count++;
                        }
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }
}
