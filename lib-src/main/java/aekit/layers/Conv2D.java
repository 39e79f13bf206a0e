package aekit.layers;

import aekit.Kit;
import aekit.fast.ConvLoops;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution: F filters of size k×k slide over the image with stride s, the image padded with p zeros.
 *
 * <pre>
 * out size:  Ho = (H + 2p − k) / s + 1,   Wo = (W + 2p − k) / s + 1
 * forward:   cols = im2col(x)                 [N·Ho·Wo, C·k·k]   every patch a row
 *            Y    = cols·W + 1·b              [N·Ho·Wo, F]       W: [C·k·k, F], one column per filter
 *            y    = Y rearranged to rows [N, F·Ho·Wo]
 * backward:  dY    = dy rearranged to [N·Ho·Wo, F]
 *            dW    = colsᵀ·dY                 (added into W.grad)
 *            db    = Σ_rows dY                (added into b.grad)
 *            dcols = dY·Wᵀ,   dx = col2im(dcols)
 * </pre>
 *
 * The backward pass is a dense layer's backward pass on the patches, then {@link Im2Col#col2im} — the transpose of
 * the patch map. Weights start Glorot-uniform over fan-in C·k·k and fan-out F.
 *
 * <p>On float32 arrays the layer runs {@link ConvLoops}: the same products one image at a time, so that an image's
 * patches stay in cache (the unit tests keep the two equal). {@link #fastPath(boolean)} switches it off, to compare.
 */
public final class Conv2D extends ImageLayer {
    public final Param W;
    public final Param b;
    private final int k;
    private final int stride;
    private final int pad;
    private INDArray cols;
    private boolean fastPath = true;
    private ConvLoops loops;
    private INDArray fastInput;                   // the input of the last forward pass, when ConvLoops ran it

    public Conv2D(ImageShape in, int filters, int kernel, int stride, int padding, Init init, long seed) {
        super("conv", in, outputShape(in, filters, kernel, stride, padding));
        this.k = kernel;
        this.stride = stride;
        this.pad = padding;
        this.W = new Param("W", init.sample(in.channels() * kernel * kernel, filters, seed), true);
        this.b = new Param("b", Nd4j.zeros(Kit.DTYPE, 1, filters), false);
    }

    private Conv2D(Conv2D original) {   // the twin: the same W and b, its own patch buffers and loops
        super("conv", original.in, original.out);
        this.k = original.k;
        this.stride = original.stride;
        this.pad = original.pad;
        this.fastPath = original.fastPath;
        this.W = original.W.twin();
        this.b = original.b.twin();
        rename(original.name());
    }

    /** The same W and b, its own buffers and gradients: see {@link Layer#twin()}. */
    @Override
    public Layer twin() {
        return new Conv2D(this);
    }

    /** Ho = (H + 2p − k) / s + 1 and Wo likewise, F channels; fails unless the kernel fits. */
    private static ImageShape outputShape(ImageShape in, int filters, int kernel, int stride, int padding) {
        if (filters <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(String.format("Conv2D needs positive filters, kernel and stride and padding ≥ 0, got %d, %d, %d, %d", filters, kernel, stride, padding));
        }
        int outH = (in.height() + 2 * padding - kernel) / stride + 1, outW = (in.width() + 2 * padding - kernel) / stride + 1;
        if (in.height() + 2 * padding < kernel || in.width() + 2 * padding < kernel) {
            throw new IllegalArgumentException(String.format("Conv2D: a %d×%d kernel with padding %d does not fit a %s image", kernel, kernel, padding, in));
        }
        return new ImageShape(filters, outH, outW);
    }

    /** Stride 1 and "same" padding (k odd): the output keeps the input's height and width. */
    public static Conv2D same(ImageShape in, int filters, int kernel, long seed) {
        if (kernel % 2 == 0) throw new IllegalArgumentException("'same' padding needs an odd kernel, got " + kernel);
        return new Conv2D(in, filters, kernel, 1, kernel / 2, Init.GLOROT_UNIFORM, seed);
    }

    /** The patch matrix cols = im2col(x), [N·Ho·Wo, C·k·k]: every patch the filters visit, one per row (to look at). */
    public INDArray patches(INDArray x) {
        requireImages(x);                                  // only looks: the batch of the last forward pass stays
        double[] cols = Im2Col.im2col(values(x), (int) x.rows(), in, k, stride, pad, out.height(), out.width());
        return Nd4j.create(cols, new long[] {x.rows() * out.height() * out.width(), (long) in.channels() * k * k}, 'c').castTo(x.dataType());
    }

    /** Uses {@link ConvLoops} on float32 arrays (on), or always the readable path below (off); returns this layer. */
    public Conv2D fastPath(boolean on) {
        fastPath = on;
        return this;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        beginBatch(x);
        fastInput = null;
        if (fastPath && ConvLoops.handles(x, W.value, b.value, W.grad, b.grad)) {
            if (loops == null) loops = new ConvLoops(in.channels(), in.height(), in.width(), k, stride, pad, out.channels());
            fastInput = x;
            return loops.forward(x, W.value, b.value);
        }
        double[] pixels = values(x);
        int positions = out.height() * out.width(), filters = out.channels();
        cols = Nd4j.create(Im2Col.im2col(pixels, batch, in, k, stride, pad, out.height(), out.width()),
                new long[] {(long) batch * positions, (long) in.channels() * k * k}, 'c').castTo(x.dataType());
        INDArray y = cols.mmul(W.value).addiRowVector(b.value);                           // Y = cols·W + 1·b
        return y.reshape('c', batch, positions, filters).permute(0, 2, 1).dup('c').reshape('c', batch, (long) filters * positions);
    }

    @Override
    public INDArray backward(INDArray dy) {
        return backward(dy, true);
    }

    @Override
    public INDArray backward(INDArray dy, boolean inputGradient) {
        if (fastInput != null) {
            INDArray g = ConvLoops.handles(dy) ? dy : dy.castTo(DataType.FLOAT).dup('c');
            return loops.backward(fastInput, g, W.value, W.grad, b.grad, inputGradient);
        }
        int positions = out.height() * out.width(), filters = out.channels();
        INDArray dY = dy.reshape('c', batch, filters, positions).permute(0, 2, 1).dup('c').reshape('c', (long) batch * positions, filters);
        W.grad.addi(cols.transpose().mmul(dY));                                           // dW = colsᵀ·dY
        b.grad.addi(dY.sum(true, 0));                                                     // db = Σ_rows dY
        if (!inputGradient) return null;
        INDArray dcols = dY.mmul(W.value.transpose());                                    // dcols = dY·Wᵀ
        return rows(Im2Col.col2im(values(dcols), batch, in, k, stride, pad, out.height(), out.width()), in, dy.dataType());
    }


    /** The same convolution by SameDiff's conv2d, on the rows reshaped to NCHW images (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        SDVariable image = x.reshape(-1, in.channels(), in.height(), in.width());                         // rows → NCHW
        SDVariable filters = graph.weight(W).reshape(in.channels(), k, k, out.channels()).permute(1, 2, 0, 3);   // [C·k·k, F] → [k, k, C, F]
        SDVariable y = graph.sd().cnn().conv2d(image, filters, graph.weight(b).reshape(out.channels()),
                Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dataFormat("NCHW").build());
        return y.reshape(-1, out.size());
    }

    @Override
    public List<Param> params() {
        return List.of(W, b);
    }

    public int kernel() {
        return k;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return pad;
    }

    @Override
    public String describe() {
        return String.format("Conv2D(%s → %s, %d×%d, stride %d, pad %d)", in, out, k, k, stride, pad);
    }
}
