package aekit.model;

import aekit.Kit;
import aekit.activations.Activation;
import aekit.activations.ReLU;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.layers.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Two views of the same samples — say an image and a table of measurements — each with its own encoder, joined in
 * one shared code, and decoded back into both views (the bimodal autoencoder of Ngiam et al., 2011):
 *
 * <pre>
 * x = [x_a | x_b]                    one row holds both views, side by side
 * h_a = enc_a(x_a),  h_b = enc_b(x_b)        each view in its own language
 * z   = shared([h_a | h_b])                  the fused code
 * x̂  = [dec_a(z) | dec_b(z)]                both views rebuilt from z
 *
 * backward:  dz = dec_aᵀ(dx̂_a) + dec_bᵀ(dx̂_b)     z feeds both decoders, so their gradients add
 *            [dh_a | dh_b] = sharedᵀ(dz)          then split, one part per encoder
 * </pre>
 *
 * <b>View dropout.</b> In training, each row loses one of its views (set to zeros, picked at random) with
 * probability {@code viewDropout}, while the target keeps both: the model must rebuild a missing view from the
 * other, so that later either view alone reaches the code ({@link #encodeA}, {@link #encodeB}).
 * Train it with a {@link aekit.losses.TwoViewLoss}.
 */
public final class FusionAutoencoder extends Layer {
    public final int widthA;
    public final int widthB;
    public final Sequential encoderA;
    public final Sequential encoderB;
    public final Sequential shared;
    public final Sequential decoderA;
    public final Sequential decoderB;
    private final double viewDropout;
    private final Random random;
    private final int hiddenA;
    private INDArray keepA;
    private INDArray keepB;

    public FusionAutoencoder(Sequential encoderA, int widthA, Sequential encoderB, int widthB, Sequential shared,
                             Sequential decoderA, Sequential decoderB, double viewDropout, long seed) {
        super("fusion");
        if (!(viewDropout >= 0 && viewDropout <= 1)) throw new IllegalArgumentException("view dropout must be in [0, 1], got " + viewDropout);
        this.widthA = widthA;
        this.widthB = widthB;
        this.encoderA = encoderA;
        this.encoderB = encoderB;
        this.shared = shared;
        this.decoderA = decoderA;
        this.decoderB = decoderB;
        this.viewDropout = viewDropout;
        this.random = new Random(seed);
        this.hiddenA = encoderA.outputSize(widthA);
        int code = shared.outputSize(hiddenA + encoderB.outputSize(widthB));   // fails, naming the layer, if widths do not chain
        if (decoderA.outputSize(code) != widthA || decoderB.outputSize(code) != widthB) {
            throw new IllegalArgumentException(String.format("the decoders rebuild widths %d and %d but the views have widths %d and %d",
                    decoderA.outputSize(code), decoderB.outputSize(code), widthA, widthB));
        }
    }

    /**
     * Dense layers with ReLU: view a (width {@code widthA}) → {@code hiddenA}, view b → {@code hiddenB}, both → a
     * linear code of width {@code code}; each decoder mirrors its encoder and ends in its own output activation
     * (a sigmoid for pixels, the identity for a z-scored table).
     */
    public static FusionAutoencoder dense(int widthA, int hiddenA, Activation outputA, int widthB, int hiddenB, Activation outputB,
                                          int code, double viewDropout) {
        long s = Kit.SEED;
        Sequential encA = new Sequential("encoderA", widthA, new Dense(widthA, hiddenA, Init.GLOROT_UNIFORM, s), new ActivationLayer(new ReLU()));
        Sequential encB = new Sequential("encoderB", widthB, new Dense(widthB, hiddenB, Init.GLOROT_UNIFORM, s + 1), new ActivationLayer(new ReLU()));
        Sequential joint = new Sequential("shared", hiddenA + hiddenB, new Dense(hiddenA + hiddenB, code, Init.GLOROT_UNIFORM, s + 2));
        Sequential decA = new Sequential("decoderA", code, new Dense(code, hiddenA, Init.GLOROT_UNIFORM, s + 3), new ActivationLayer(new ReLU()),
                new Dense(hiddenA, widthA, Init.GLOROT_UNIFORM, s + 4), new ActivationLayer(outputA));
        Sequential decB = new Sequential("decoderB", code, new Dense(code, hiddenB, Init.GLOROT_UNIFORM, s + 5), new ActivationLayer(new ReLU()),
                new Dense(hiddenB, widthB, Init.GLOROT_UNIFORM, s + 6), new ActivationLayer(outputB));
        return new FusionAutoencoder(encA, widthA, encB, widthB, joint, decA, decB, viewDropout, s + 7);
    }

    /** Puts the two views side by side, one row per sample: the model's input and target. */
    public static INDArray join(INDArray viewA, INDArray viewB) {
        if (viewA.rows() != viewB.rows()) throw new IllegalArgumentException("view a has " + viewA.rows() + " rows but view b has " + viewB.rows() + ": one row per sample in both");
        return Nd4j.hstack(viewA, viewB.castTo(viewA.dataType()));
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        requireMatrix(x);
        if (x.columns() != widthA + widthB) {
            throw new IllegalArgumentException(String.format("layer '%s' expects rows [view a (%d) | view b (%d)] = %d columns, got %d",
                    name(), widthA, widthB, widthA + widthB, x.columns()));
        }
        INDArray xa = columns(x, 0, widthA), xb = columns(x, widthA, widthA + widthB);
        keepA = keepB = null;
        if (training && viewDropout > 0) {
            float[] a = new float[x.rows()], b = new float[x.rows()];
            for (int i = 0; i < a.length; i++) {
                boolean drop = random.nextDouble() < viewDropout, dropA = random.nextBoolean();
                a[i] = drop && dropA ? 0 : 1;
                b[i] = drop && !dropA ? 0 : 1;
            }
            keepA = Nd4j.create(a, new long[] {a.length, 1}, 'c').castTo(x.dataType());
            keepB = Nd4j.create(b, new long[] {b.length, 1}, 'c').castTo(x.dataType());
            xa.muliColumnVector(keepA);
            xb.muliColumnVector(keepB);
        }
        INDArray z = shared.forward(Nd4j.hstack(encoderA.forward(xa, training), encoderB.forward(xb, training)), training);
        return Nd4j.hstack(decoderA.forward(z, training), decoderB.forward(z, training));
    }

    @Override
    public INDArray backward(INDArray dy) {
        return backward(dy, true);
    }

    @Override
    public INDArray backward(INDArray dy, boolean inputGradient) {
        INDArray dz = decoderA.backward(columns(dy, 0, widthA)).add(decoderB.backward(columns(dy, widthA, widthA + widthB)));
        INDArray dh = shared.backward(dz);
        INDArray dxa = encoderA.backward(columns(dh, 0, hiddenA), inputGradient);
        INDArray dxb = encoderB.backward(columns(dh, hiddenA, dh.columns()), inputGradient);
        if (!inputGradient) return null;
        if (keepA != null) {                     // a dropped view did not reach the model: its inputs got no gradient
            dxa = dxa.mulColumnVector(keepA);
            dxb = dxb.mulColumnVector(keepB);
        }
        return Nd4j.hstack(dxa, dxb);
    }

    /** None yet: view dropout draws a random choice per row, and the two encoders' widths would need splitting too. */
    @Override
    public Layer twin() {
        return null;
    }

    /** The fused code z from both views, in inference mode. */
    public INDArray encode(INDArray viewA, INDArray viewB) {
        return shared.forward(Nd4j.hstack(encoderA.forward(viewA, false), encoderB.forward(viewB.castTo(viewA.dataType()), false)), false);
    }

    /** The code from view a alone: view b is given as zeros, as view dropout trained it to be read. */
    public INDArray encodeA(INDArray viewA) {
        return encode(viewA, Nd4j.zeros(viewA.dataType(), viewA.rows(), widthB));
    }

    /** The code from view b alone. */
    public INDArray encodeB(INDArray viewB) {
        return encode(Nd4j.zeros(viewB.dataType(), viewB.rows(), widthA), viewB);
    }

    /** View a rebuilt from a code. */
    public INDArray decodeA(INDArray code) {
        return decoderA.forward(code, false);
    }

    /** View b rebuilt from a code. */
    public INDArray decodeB(INDArray code) {
        return decoderB.forward(code, false);
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Sequential part : List.of(encoderA, encoderB, shared, decoderA, decoderB)) all.addAll(part.params());
        return all;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != widthA + widthB) {
            throw new IllegalArgumentException(String.format("layer '%s' takes rows of view a (%d) and view b (%d), %d columns, not %d",
                    name(), widthA, widthB, widthA + widthB, inputSize));
        }
        return inputSize;
    }

    @Override
    public String describe() {
        return "Fusion[a: " + encoderA.describe() + " | b: " + encoderB.describe() + " ⇒ " + shared.describe() + "]";
    }

    private static INDArray columns(INDArray m, long from, long to) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
    }
}
