package aekit.model;

import aekit.Kit;
import aekit.activations.Activation;
import aekit.activations.ReLU;
import aekit.activations.Sigmoid;
import aekit.layers.ActivationLayer;
import aekit.layers.Conv2D;
import aekit.layers.ImageShape;
import aekit.layers.MaxPool2D;
import aekit.layers.Upsample2D;
import aekit.layers.Dense;
import aekit.layers.Dropout;
import aekit.layers.Init;
import aekit.layers.Layer;
import aekit.layers.Sequential;
import aekit.layers.TiedDense;
import aekit.regularizers.CodePenalty;
import aekit.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An encoder that squeezes x into a code h, and a decoder that rebuilds x̂ from h:
 *
 * <pre>
 * h  = encoder(x)      the code, a point in the latent space
 * x̂ = decoder(h)      the reconstruction
 * </pre>
 *
 * Training makes x̂ close to x (it predicts its own input, unlike a classifier, which predicts a label).
 * The two-line start: {@code var ae = Autoencoder.dense(784, 64, 32, 16); ae.fit(x, 10);}
 * — every part (layers, activations, loss, optimizer, penalties) can be swapped through {@link #builder}
 * and {@link Trainer}.
 */
public final class Autoencoder extends EncoderDecoder {
    private final CodePenalty codePenalty;
    private INDArray code;

    public Autoencoder(Sequential encoder, Sequential decoder, CodePenalty codePenalty) {
        super("autoencoder", encoder, null, decoder);
        this.codePenalty = codePenalty;
    }

    public Autoencoder(Sequential encoder, Sequential decoder) {
        this(encoder, decoder, null);
    }

    /**
     * Dense layers with ReLU, mirrored: {@code dense(784, 64, 32, 16)} is seed 001 §5.2's
     * 784→64→32→16→32→64→784 with a sigmoid output for pixels in [0, 1].
     */
    public static Autoencoder dense(int... sizes) {
        return builder(sizes).build();
    }

    /**
     * The Keras blog's convolutional autoencoder for 1×28×28 images ("Building Autoencoders in Keras"): 3×3
     * convolutions with 16, 8, 8 filters, each followed by ReLU and 2×2 max pooling, down to an 8×4×4 code (128
     * numbers); the decoder mirrors it with nearest-neighbour upsampling, and its 16-filter convolution has no padding
     * (16×16 → 14×14) so that the last upsampling lands on 28×28. Sigmoid output.
     */
    public static Autoencoder convolutional(long seed) {
        ImageShape image = ImageShape.mnist();
        Conv2D c1 = Conv2D.same(image, 16, 3, seed);
        MaxPool2D p1 = new MaxPool2D(c1.outputShape(), 2);                                  // 16×14×14
        Conv2D c2 = Conv2D.same(p1.outputShape(), 8, 3, seed + 1);
        MaxPool2D p2 = new MaxPool2D(c2.outputShape(), 2);                                  // 8×7×7
        Conv2D c3 = Conv2D.same(p2.outputShape(), 8, 3, seed + 2);
        MaxPool2D p3 = MaxPool2D.same(c3.outputShape(), 2);                                 // 8×4×4: the code
        Conv2D c4 = Conv2D.same(p3.outputShape(), 8, 3, seed + 3);
        Upsample2D u1 = new Upsample2D(c4.outputShape(), 2);                                // 8×8×8
        Conv2D c5 = Conv2D.same(u1.outputShape(), 8, 3, seed + 4);
        Upsample2D u2 = new Upsample2D(c5.outputShape(), 2);                                // 8×16×16
        Conv2D c6 = new Conv2D(u2.outputShape(), 16, 3, 1, 0, Init.GLOROT_UNIFORM, seed + 5); // 16×14×14
        Upsample2D u3 = new Upsample2D(c6.outputShape(), 2);                                // 16×28×28
        Conv2D c7 = Conv2D.same(u3.outputShape(), 1, 3, seed + 6);
        Sequential encoder = new Sequential("encoder", image.size(), c1, relu(), p1, c2, relu(), p2, c3, relu(), p3);
        Sequential decoder = new Sequential("decoder", p3.outputShape().size(), c4, relu(), u1, c5, relu(), u2, c6, relu(), u3, c7,
                new ActivationLayer(new Sigmoid()));
        return new Autoencoder(encoder, decoder);
    }

    /**
     * The Keras blog's convolutional <em>denoiser</em> for 1×28×28 images: two 3×3 convolutions with 32 filters, each
     * followed by ReLU and 2×2 max pooling, down to a 32×7×7 code (1,568 numbers: a denoiser need not squeeze, it must
     * learn what digits look like); the decoder mirrors it with upsampling, and a 1-filter convolution and a sigmoid
     * give the clean image.
     */
    public static Autoencoder convolutionalDenoiser(long seed) {
        ImageShape image = ImageShape.mnist();
        Conv2D c1 = Conv2D.same(image, 32, 3, seed);
        MaxPool2D p1 = new MaxPool2D(c1.outputShape(), 2);                                  // 32×14×14
        Conv2D c2 = Conv2D.same(p1.outputShape(), 32, 3, seed + 1);
        MaxPool2D p2 = new MaxPool2D(c2.outputShape(), 2);                                  // 32×7×7: the code
        Conv2D c3 = Conv2D.same(p2.outputShape(), 32, 3, seed + 2);
        Upsample2D u1 = new Upsample2D(c3.outputShape(), 2);                                // 32×14×14
        Conv2D c4 = Conv2D.same(u1.outputShape(), 32, 3, seed + 3);
        Upsample2D u2 = new Upsample2D(c4.outputShape(), 2);                                // 32×28×28
        Conv2D c5 = Conv2D.same(u2.outputShape(), 1, 3, seed + 4);
        Sequential encoder = new Sequential("encoder", image.size(), c1, relu(), p1, c2, relu(), p2);
        Sequential decoder = new Sequential("decoder", p2.outputShape().size(), c3, relu(), u1, c4, relu(), u2, c5,
                new ActivationLayer(new Sigmoid()));
        return new Autoencoder(encoder, decoder);
    }

    private static ActivationLayer relu() {
        return new ActivationLayer(new ReLU());
    }

    public static Builder builder(int... sizes) {
        return new Builder(sizes);
    }

    /** The code h = encoder(x), in inference mode. */
    @Override
    public INDArray encode(INDArray x) {
        return encoder.forward(given(x, "encode", "x"), false);   // inference mode: every layer returns a fresh array
    }

    /** The reconstruction x̂ = decoder(h), in inference mode. */
    @Override
    public INDArray decode(INDArray code) {
        return decoder.forward(given(code, "decode", "code"), false);
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        code = encoder.forward(x, training);                                     // h = encoder(x)
        return decoder.forward(code, training);                                   // x̂ = decoder(h)
    }

    /** dL/dh = decoder's dL/dh [+ dΩ/dh], then back through the encoder. */
    @Override
    protected INDArray backwardFromCode(INDArray dCode, boolean inputGradient) {
        if (codePenalty != null) dCode = dCode.add(codePenalty.gradient(code));   // dΩ/dh joins at the code
        return encoder.backward(dCode, inputGradient);
    }

    /** The encoder's and decoder's twins; none with a code penalty (Ω is a mean over the whole batch's codes). */
    @Override
    public Layer twin() {
        if (codePenalty != null) return null;
        Layer encoderTwin = encoder.twin(), decoderTwin = decoder.twin();
        return encoderTwin == null || decoderTwin == null ? null : new Autoencoder((Sequential) encoderTwin, (Sequential) decoderTwin);
    }

    /** Ω(h) of the last forward pass, or 0 without a code penalty. */
    @Override
    public double penaltyValue() {
        return codePenalty == null ? 0 : codePenalty.value(code);
    }

    public int codeSize() {
        return encoder.outputSize(inputSize());
    }

    @Override
    public String describe() {
        return "Autoencoder[" + encoder.describe() + " | " + decoder.describe() + "]";
    }

    /** Every choice of {@link #dense}, replaceable. */
    public static final class Builder {
        private final int[] sizes;
        private Activation hidden = new ReLU();
        private Activation codeActivation = new ReLU();
        private Activation output = new Sigmoid();
        private boolean tied;
        private double dropout;
        private Init init = Init.GLOROT_UNIFORM;   // Keras's default (measured against He-normal: bench/README.md)
        private long seed = Kit.SEED;
        private CodePenalty codePenalty;

        private Builder(int[] sizes) {
            if (sizes.length < 2) throw new IllegalArgumentException("an autoencoder needs at least an input size and a code size, got " + sizes.length + " size(s)");
            for (int s : sizes) if (s <= 0) throw new IllegalArgumentException("layer sizes must be positive, got " + java.util.Arrays.toString(sizes));
            this.sizes = sizes.clone();
        }

        public Builder hiddenActivation(Activation a) { this.hidden = a; return this; }
        public Builder codeActivation(Activation a) { this.codeActivation = a; return this; }
        public Builder outputActivation(Activation a) { this.output = a; return this; }
        /** Decoder layers reuse the encoder's weights, transposed (seed 004 §2.5, symmetry). */
        public Builder tiedWeights() { this.tied = true; return this; }
        /** Dropout with rate p after every hidden activation (not after the code or the output). */
        public Builder dropout(double p) { this.dropout = p; return this; }
        public Builder init(Init init) { this.init = init; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder codePenalty(CodePenalty penalty) { this.codePenalty = penalty; return this; }

        public Autoencoder build() {
            int n = sizes.length - 1;
            List<Layer> enc = new ArrayList<>();
            List<Dense> encDense = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Dense d = new Dense(sizes[i], sizes[i + 1], init, seed + i);
                encDense.add(d);
                enc.add(d);
                boolean isCode = i == n - 1;
                enc.add(new ActivationLayer(isCode ? codeActivation : hidden));
                if (!isCode && dropout > 0) enc.add(new Dropout(dropout, seed + 100 + i));
            }
            Sequential encoder = new Sequential("encoder", sizes[0], enc);
            List<Layer> dec = new ArrayList<>();
            for (int i = n; i > 0; i--) {
                dec.add(tied ? new TiedDense(encDense.get(i - 1)) : new Dense(sizes[i], sizes[i - 1], init, seed + 2L * n - i + 1));
                boolean isOutput = i == 1;
                dec.add(new ActivationLayer(isOutput ? output : hidden));
                if (!isOutput && dropout > 0) dec.add(new Dropout(dropout, seed + 200 + i));
            }
            Sequential decoder = new Sequential("decoder", sizes[n], dec);
            return new Autoencoder(encoder, decoder, codePenalty);
        }
    }
}
