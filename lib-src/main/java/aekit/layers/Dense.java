package aekit.layers;

import aekit.Kit;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer.
 *
 * <pre>
 * forward:   y  = x·W + b            x: [N, in], W: [in, out], b: [1, out], y: [N, out]
 * backward:  dW = xᵀ·dy              (added into W.grad)
 *            db = Σ_rows dy = 1ᵀ·dy  (added into b.grad; 1 is a column of N ones)
 *            dx = dy·Wᵀ              (returned to the layer below)
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
    private INDArray ones;           // [1, N] of ones: Σ_rows dy as one matrix product

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
        Nd4j.gemm(x, W.value, result, false, false, 1.0, 0.0);   // y = x·W
        return result.addiRowVector(b.value);                     //   + b
    }

    @Override
    public INDArray backward(INDArray dy) {
        return backward(dy, true);
    }

    @Override
    public INDArray backward(INDArray dy, boolean inputGradient) {
        Nd4j.gemm(x, dy, W.grad, true, false, 1.0, 1.0);          // dW += xᵀ·dy
        ones = onesRow(ones, dy.rows(), dy.dataType());
        Nd4j.gemm(ones, dy, b.grad, false, false, 1.0, 1.0);      // db += 1ᵀ·dy  (a BLAS call beats a reduction here)
        if (!inputGradient) return null;
        dx = reuse(dx, dy.rows(), in, dy.dataType());
        return Nd4j.gemm(dy, W.value, dx, false, true, 1.0, 0.0); // dx  = dy·Wᵀ
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
