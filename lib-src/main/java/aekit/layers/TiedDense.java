package aekit.layers;

import aekit.Kit;
import aekit.fast.Blas;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A decoder layer that reuses an encoder layer's weights, transposed: the "symmetry" of seed 004 §2.5
 * made literal. It owns only its bias.
 *
 * <pre>
 * forward:   y  = h·Wᵀ + c            W is the encoder's [in, out] matrix, so Wᵀ maps out → in; c added as 1·c
 * backward:  dW += (hᵀ·dy)ᵀ = dyᵀ·h   (added into the encoder's W.grad: W gets both gradients)
 *            dc  = Σ_rows dy = dyᵀ·1
 *            dh  = dy·W
 * </pre>
 */
public final class TiedDense extends Layer {
    private final Dense tiedTo;
    public final Param c;
    private INDArray h;
    private INDArray y;
    private INDArray dh;
    private INDArray ones;

    public TiedDense(Dense encoderLayer) {
        super("tied");
        this.tiedTo = encoderLayer;
        this.c = new Param("c", Nd4j.zeros(Kit.DTYPE, 1, encoderLayer.inputSize()), false);
    }

    @Override
    public INDArray forward(INDArray h, boolean training) {
        requireMatrix(h);
        outputSize((int) h.columns());
        this.h = h;
        Param W = tiedTo.W;
        INDArray result = training ? (y = reuse(y, h.rows(), W.value.rows(), W.value.dataType()))
                                   : Nd4j.createUninitialized(W.value.dataType(), h.rows(), W.value.rows());
        Blas.gemm(h, W.value, result, false, true, 1.0, 0.0);    // y = h·Wᵀ
        ones = onesRow(ones, h.rows(), result.dataType());
        return Blas.ger(ones, c.value, result, 1.0);              // y += 1·c
    }

    @Override
    public INDArray backward(INDArray dy) {
        Param W = tiedTo.W;
        Blas.gemm(dy, h, W.grad, true, false, 1.0, 1.0);          // dW += dyᵀ·h
        ones = onesRow(ones, dy.rows(), dy.dataType());
        Blas.gemv(dy, true, ones, c.grad, 1.0, 1.0);              // dc += dyᵀ·1
        dh = reuse(dh, dy.rows(), W.value.columns(), dy.dataType());
        return Blas.gemm(dy, W.value, dh, false, false, 1.0, 0.0); // dh = dy·W
    }

    /** y = h·Wᵀ + c in SameDiff (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable h) {
        return graph.sd().linalg().mmul(h, graph.weight(tiedTo.W), false, true, false).add(graph.weight(c));
    }

    /**
     * None yet: W belongs to the encoder's layer, and a twin would have to write its gradient into that layer's
     * twin's. A tied-weights model trains each batch in one piece.
     */
    @Override
    public Layer twin() {
        return null;
    }

    /** The encoder layer whose W this layer uses, transposed. */
    public Dense tiedTo() {
        return tiedTo;
    }

    /** Only the bias: W belongs to the encoder layer and is listed (and updated) there. */
    @Override
    public List<Param> params() {
        return List.of(c);
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != tiedTo.outputSize()) {
            throw new IllegalArgumentException(String.format(
                    "layer '%s' (%s) expects input width %d but got %d", name(), describe(), tiedTo.outputSize(), inputSize));
        }
        return tiedTo.inputSize();
    }

    @Override
    public String describe() {
        return "TiedDense(" + tiedTo.outputSize() + "→" + tiedTo.inputSize() + ", Wᵀ of " + tiedTo.name() + ")";
    }
}
