package aekit.model;

import aekit.Kit;
import aekit.activations.ReLU;
import aekit.activations.Sigmoid;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Layer;
import aekit.layers.MeanAndLogVariance;
import aekit.layers.Param;
import aekit.layers.Sampling;
import aekit.layers.Sequential;
import aekit.losses.BinaryCrossEntropy;
import aekit.regularizers.GaussianKL;
import aekit.training.History;
import aekit.training.Trainer;
import java.util.ArrayList;
import tech.tablesaw.api.Table;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A variational autoencoder: the encoder gives a distribution over codes instead of one code, a code is sampled
 * from it, and the loss keeps those distributions close to the prior N(0, I) so that any code drawn from the
 * prior decodes to something plausible.
 *
 * <pre>
 * [μ | log σ²] = encoder(x)                 ending in {@link MeanAndLogVariance}
 * z            = μ + σ ⊙ ε,  ε ~ N(0, I)    {@link Sampling}
 * x̂            = decoder(z)
 * loss         = (1/ND) Σ BCE(x̂, x)  +  (β/D) · (1/N) Σ_n KL_n     {@link GaussianKL}, weight β/D
 * </pre>
 *
 * The trainer's BCE is a mean over all N·D pixels, so the KL term is divided by D too: D × the loss is the
 * negative ELBO per image in nats (with β = 1), the number Keras's VAE example reports.
 */
public final class VariationalAutoencoder extends Layer {
    public final Sequential encoder;
    public final Sampling sampling;
    public final Sequential decoder;
    private final GaussianKL kl;
    private final double beta;
    private INDArray stats;

    public VariationalAutoencoder(Sequential encoder, Sampling sampling, Sequential decoder, double beta) {
        super("vae");
        int inputWidth = Autoencoder.inputWidth(encoder);
        int statsWidth = encoder.outputSize(inputWidth);
        int latent = sampling.outputSize(statsWidth);
        int outputWidth = decoder.outputSize(latent);
        if (outputWidth != inputWidth) {
            throw new IllegalArgumentException(String.format(
                    "the decoder rebuilds width %d but the encoder takes width %d: a reconstruction must match its input", outputWidth, inputWidth));
        }
        this.encoder = encoder;
        this.sampling = sampling;
        this.decoder = decoder;
        this.beta = beta;
        this.kl = new GaussianKL(beta / inputWidth);
        sampling.rename("sampling");
    }

    /**
     * A dense VAE, β = 1: {@code dense(784, 256, 2)} is 784 → 256 (ReLU) → (μ, log σ²) in 2-D → 256 (ReLU) → 784
     * (sigmoid). 256 is the Keras blog's VAE (Chollet, "Building Autoencoders in Keras", 2016, chapter 16);
     * Keras's {@code examples/variational_autoencoder.py} uses 512 ({@code dense(784, 512, 2)}, the benchmark's).
     */
    public static VariationalAutoencoder dense(int inputSize, int hiddenSize, int latentSize) {
        return dense(inputSize, hiddenSize, latentSize, 1.0, Kit.SEED);
    }

    /** As {@link #dense(int, int, int)} with a weight β on the KL term (β > 1: the β-VAE) and a seed. */
    public static VariationalAutoencoder dense(int inputSize, int hiddenSize, int latentSize, double beta, long seed) {
        Sequential encoder = new Sequential("encoder", inputSize,
                new Dense(inputSize, hiddenSize, Init.GLOROT_UNIFORM, seed), new ActivationLayer(new ReLU()),
                new MeanAndLogVariance(hiddenSize, latentSize, Init.GLOROT_UNIFORM, seed + 1));
        Sequential decoder = new Sequential("decoder", latentSize,
                new Dense(latentSize, hiddenSize, Init.GLOROT_UNIFORM, seed + 3), new ActivationLayer(new ReLU()),
                new Dense(hiddenSize, inputSize, Init.GLOROT_UNIFORM, seed + 4), new ActivationLayer(new Sigmoid()));
        return new VariationalAutoencoder(encoder, new Sampling(latentSize, seed + 5), decoder, beta);
    }

    /** Trains with the kit's defaults (BCE, Adam(1e-3), batches of 256). */
    public History fit(INDArray x, int epochs) {
        return Trainer.defaults().epochs(epochs).fit(this, x);
    }

    /** μ, the centre of each image's code distribution, in inference mode. */
    public INDArray encode(INDArray x) {
        return MeanAndLogVariance.meanOf(encoder.forward(Autoencoder.given(x, "encode", "x"), false)).dup();
    }

    /** [μ | log σ²] for each image, in inference mode. */
    public INDArray encodeDistribution(INDArray x) {
        return encoder.forward(Autoencoder.given(x, "encodeDistribution", "x"), false);
    }

    /** x̂ = decoder(z), in inference mode. */
    public INDArray decode(INDArray z) {
        return decoder.forward(Autoencoder.given(z, "decode", "z"), false);
    }

    /** x̂ = decoder(μ): the reconstruction from the centre of the code's distribution. */
    public INDArray reconstruct(INDArray x) {
        return decode(encode(x));
    }

    /** Generation: {@code n} codes drawn from the prior N(0, I) and decoded. */
    public INDArray sample(int n, long seed) {
        return decode(standardNormal(n, latentSize(), seed));
    }

    /**
     * The negative ELBO per image in nats, averaged over the rows of x (lower is better):
     * Σ_pixels BCE(decoder(μ + σ·ε), x) + KL, with one ε per image drawn from {@code seed}. Keras's VAE reports this
     * as its loss (with β = 1); here the KL term always has weight 1, whatever β the model was trained with.
     */
    public double negativeElbo(INDArray x, long seed) {
        Autoencoder.given(x, "negativeElbo", "x");
        Random noise = new Random(seed);
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        double sum = 0;
        int n = x.rows(), d = (int) x.columns();
        INDArray previous = sampling.heldNoise();
        try {
            for (int from = 0; from < n; from += 1024) {
                int to = Math.min(n, from + 1024);
                INDArray batch = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                sampling.holdNoise(standardNormal(to - from, latentSize(), noise.nextLong()));
                INDArray xHat = forward(batch, false);
                double reconstruction = bce.value(xHat, batch) * d;                    // Σ over pixels, mean over images
                sum += (reconstruction + lastKL()) * (to - from);
            }
        } finally {
            if (previous == null) sampling.releaseNoise(); else sampling.holdNoise(previous);
        }
        return sum / n;
    }

    @Override
    public INDArray forward(INDArray x, boolean training) {
        stats = encoder.forward(x, training);
        INDArray z = sampling.forward(stats, training);
        return decoder.forward(z, training);
    }

    @Override
    public INDArray backward(INDArray dy) {
        return backward(dy, true);
    }

    @Override
    public INDArray backward(INDArray dy, boolean inputGradient) {
        return backwardFromCode(decoder.backward(dy), inputGradient);
    }

    @Override
    public INDArray backwardFromLogits(INDArray dz, boolean inputGradient) {
        return backwardFromCode(decoder.backwardFromLogits(dz, true), inputGradient);
    }

    private INDArray backwardFromCode(INDArray dCode, boolean inputGradient) {
        INDArray dStats = sampling.backward(dCode);          // through z = μ + σ·ε
        dStats.addi(kl.gradient(stats));                     // the KL term's gradient joins at [μ | log σ²]
        return encoder.backward(dStats, inputGradient);
    }

    /** (β/D)·mean KL of the last forward pass: the loss's second term. */
    @Override
    public double penaltyValue() {
        return kl.value(stats);
    }

    /** Mean KL per image (nats) of the last forward pass, unweighted. */
    public double lastKL() {
        return GaussianKL.perImage(stats).meanNumber().doubleValue();
    }

    public double beta() {
        return beta;
    }

    public int latentSize() {
        return sampling.latentSize();
    }

    public int inputSize() {
        return Autoencoder.inputWidth(encoder);
    }

    @Override
    public Layer lastLayer() {
        return decoder.lastLayer();
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>(encoder.params());
        all.addAll(decoder.params());
        return all;
    }

    @Override
    public int outputSize(int inputSize) {
        return decoder.outputSize(sampling.outputSize(encoder.outputSize(inputSize)));
    }

    @Override
    public String describe() {
        return "VariationalAutoencoder[" + encoder.describe() + " | " + sampling.describe() + " | " + decoder.describe() + ", β=" + beta + "]";
    }

    /** One row per layer: its name, what it computes, and how many numbers it learns. */
    public Table summary() {
        List<Layer> all = new ArrayList<>(encoder.layers());
        all.add(sampling);
        all.addAll(decoder.layers());
        return Autoencoder.layerTable("VariationalAutoencoder, " + parameterCount() + " parameters", all);
    }

    /** An [n, k] matrix of independent N(0, 1) numbers from {@code seed}, in the kit's precision. */
    public static INDArray standardNormal(int n, int k, long seed) {
        return Sampling.standardNormal(new Random(seed), n, k, Kit.DTYPE);
    }
}
