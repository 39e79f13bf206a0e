package aekit.model;

import aekit.Kit;
import aekit.activations.ReLU;
import aekit.activations.Sigmoid;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Layer;
import aekit.layers.MeanAndLogVariance;
import aekit.layers.SameDiffGraph;
import aekit.layers.Sampling;
import aekit.layers.Sequential;
import aekit.losses.BinaryCrossEntropy;
import aekit.regularizers.GaussianKL;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
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
public final class VariationalAutoencoder extends EncoderDecoder {
    public final Sampling sampling;
    private final GaussianKL kl;
    private final double beta;
    private INDArray stats;

    public VariationalAutoencoder(Sequential encoder, Sampling sampling, Sequential decoder, double beta) {
        super("vae", encoder, sampling, decoder);
        this.sampling = sampling;
        this.beta = beta;
        this.kl = new GaussianKL(beta / encoder.inputSize());
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

    /** μ, the centre of each image's code distribution, in inference mode. */
    @Override
    public INDArray encode(INDArray x) {
        return MeanAndLogVariance.meanOf(encoder.forward(given(x, "encode", "x"), false)).dup();
    }

    /** [μ | log σ²] for each image, in inference mode. */
    public INDArray encodeDistribution(INDArray x) {
        return encoder.forward(given(x, "encodeDistribution", "x"), false);
    }

    /** x̂ = decoder(z), in inference mode. */
    @Override
    public INDArray decode(INDArray z) {
        return decoder.forward(given(z, "decode", "z"), false);
    }

    /** x̂ = decoder(μ): the reconstruction from the centre of the code's distribution. */
    @Override
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
        given(x, "negativeElbo", "x");
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
        stats = encoder.forward(x, training);                 // [μ | log σ²] = encoder(x)
        INDArray z = sampling.forward(stats, training);       // z = μ + σ ⊙ ε
        return decoder.forward(z, training);                  // x̂ = decoder(z)
    }

    /** dL/d[μ | log σ²] = back through z = μ + σ·ε, plus the KL term's gradient; then back through the encoder. */
    @Override
    protected INDArray backwardFromCode(INDArray dCode, boolean inputGradient) {
        INDArray dStats = sampling.backward(dCode);          // through z = μ + σ·ε
        dStats.addi(kl.gradient(stats));                     // the KL term's gradient joins at [μ | log σ²]
        return encoder.backward(dStats, inputGradient);
    }

    /** decoder(sampling(encoder(x))) in SameDiff, and the KL term added to the loss (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable x) {
        int k = latentSize();
        SDVariable stats = encoder.sameDiff(graph, x);
        SDVariable z = sampling.sameDiff(graph, stats);
        SDVariable mu = stats.get(SDIndex.all(), SDIndex.interval(0, k)), logVar = stats.get(SDIndex.all(), SDIndex.interval(k, 2 * k));
        SDVariable klPerImage = logVar.add(1).sub(mu.mul(mu)).sub(graph.sd().math().exp(logVar)).sum(1).mul(-0.5);   // KL_n
        graph.addToLoss(klPerImage.mean().mul(beta / inputSize()));
        return decoder.sameDiff(graph, z);
    }

    /** None: every training batch draws its own ε, so the two halves of a batch cannot be told apart from one piece. */
    @Override
    public Layer twin() {
        return null;
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

    @Override
    public String describe() {
        return "VariationalAutoencoder[" + encoder.describe() + " | " + sampling.describe() + " | " + decoder.describe() + ", β=" + beta + "]";
    }

    /** An [n, k] matrix of independent N(0, 1) numbers from {@code seed}, in the kit's precision. */
    public static INDArray standardNormal(int n, int k, long seed) {
        return Sampling.standardNormal(new Random(seed), n, k, Kit.DTYPE);
    }
}
