package aekit.layers;

import aekit.Kit;
import aekit.fast.Blas;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer.
 *
 * <pre>
 * forward:   y  = x·W + b            x: [N, in], W: [in, out], b: [1, out], y: [N, out]
 *                                    (b is added to every row: y += 1·b, 1 a column of N ones)
 * backward:  dW = xᵀ·dy              (added into W.grad)
 *            db = Σ_rows dy = dyᵀ·1  (added into b.grad)
 *            dx = dy·Wᵀ              (returned to the layer below)
 *
 * Each line is one BLAS call ({@link Blas}).
 * </pre>
 */
public final class Dense extends Layer {
    public final Param W;
    public final Param b;
    private final int in;
    private final int out;

    private INDArray x;              // the input, kept for dW = xᵀ·dy
    private INDArray y;              // output buffer, reused while training
    private INDArray dx;             // input-gradient buffer
    private INDArray ones;           // N ones: b into every row, and Σ_rows dy, as BLAS calls

    public Dense(int in, int out, Init init, long seed) {
        super("dense");
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense needs positive sizes, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.W = new Param("W", init.sample(in, out, seed), true);
        this.b = new Param("b", Nd4j.zeros(Kit.DTYPE, 1, out), false);
    }

    private Dense(Dense original) {
        super(original.name());
        this.in = original.in;
        this.out = original.out;
        this.W = original.W.twin();
        this.b = original.b.twin();
    }

    /** Dense layer with Glorot-uniform weights (Keras's default) seeded from the kit's seed. */
    public Dense(int in, int out) {
        this(in, out, Init.GLOROT_UNIFORM, Kit.SEED);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        requireMatrix(x);
        if (x.columns() != in) {
            throw new IllegalArgumentException(String.format(
                    "layer '%s' (%s) expects input width %d but got %d (input shape [%d, %d])",
                    name(), describe(), in, x.columns(), x.rows(), x.columns()));
        }
        this.x = x;
        INDArray result = training ? (y = reuse(y, x.rows(), out, W.value.dataType()))
                                   : Nd4j.createUninitialized(W.value.dataType(), x.rows(), out);
        Blas.gemm(x, W.value, result, false, false, 1.0, 0.0);   // y = x·W
        ones = onesRow(ones, x.rows(), result.dataType());
        return Blas.ger(ones, b.value, result, 1.0);              // y += 1·b
    }

    @Override
    public INDArray backward(INDArray dy) {
        return backward(dy, true);
    }

    @Override
    public INDArray backward(INDArray dy, boolean inputGradient) {
        Blas.gemm(x, dy, W.grad, true, false, 1.0, 1.0);          // dW += xᵀ·dy
        ones = onesRow(ones, dy.rows(), dy.dataType());
        Blas.gemv(dy, true, ones, b.grad, 1.0, 1.0);              // db += dyᵀ·1
        if (!inputGradient) return null;
        dx = reuse(dx, dy.rows(), in, dy.dataType());
        return Blas.gemm(dy, W.value, dx, false, true, 1.0, 0.0); // dx  = dy·Wᵀ
    }

    /** y = x·W + b in SameDiff (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        return x.mmul(graph.weight(W)).add(graph.weight(b));
    }

    /** The same W and b, its own buffers and gradients: see {@link Layer#twin()}. */
    @Override
    public Layer twin() {
        return new Dense(this);
    }

    @Override
    public List<Param> params() {
        return List.of(W, b);
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != in) {
            throw new IllegalArgumentException(String.format(
                    "layer '%s' (%s) cannot follow a layer of width %d: it expects %d", name(), describe(), inputSize, in));
        }
        return out;
    }

    public int inputSize() {
        return in;
    }

    public int outputSize() {
        return out;
    }

    @Override
    public String describe() {
        return "Dense(" + in + "→" + out + ")";
    }
}
