package aekit.layers;

import aekit.Kit;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reparameterisation trick: a sample of z ~ N(μ, σ²) written as a function of μ and σ plus noise that does
 * not depend on them, so the gradient can flow through the sampling step.
 *
 * <pre>
 * forward:   σ = exp(½·log σ²),   z = μ + σ ⊙ ε,    ε ~ N(0, I) drawn afresh for every training batch
 * backward:  dμ      = dz                          (∂z/∂μ = 1)
 *            d log σ² = dz ⊙ ε ⊙ σ/2              (∂z/∂log σ² = ε · ∂σ/∂log σ² = ε·σ/2)
 * </pre>
 *
 * In inference z = μ, the centre of the code's distribution, unless noise is held with {@link #holdNoise}: then
 * every forward pass, training or not, uses that same ε (gradient checks need a fixed function; so does a
 * repeatable ELBO).
 */
public final class Sampling extends Layer {
    private final int latent;
    private final Random random;
    private INDArray heldNoise;
    private INDArray epsilon;        // the ε of the last forward pass (zeros when z = μ)
    private INDArray sigma;          // σ of the last forward pass

    public Sampling(int latent, long seed) {
        super("sampling");
        if (latent <= 0) throw new IllegalArgumentException("Sampling needs a positive latent size, got " + latent);
        this.latent = latent;
        this.random = new Random(seed);
    }

    public Sampling(int latent) {
        this(latent, Kit.SEED);
    }

    @Override
    public INDArray forward(INDArray stats, boolean training) {
        requireMatrix(stats);
        if (stats.columns() != 2L * latent) {
            throw new IllegalArgumentException(String.format("layer '%s' expects [μ | log σ²] of width %d (latent size %d) but got shape %s",
                    name(), 2 * latent, latent, Arrays.toString(stats.shape())));
        }
        INDArray mu = MeanAndLogVariance.meanOf(stats);
        INDArray logVar = MeanAndLogVariance.logVarianceOf(stats);
        sigma = Transforms.exp(logVar.mul(0.5), false);                    // σ = exp(½ log σ²)
        epsilon = noise(stats.rows(), stats.dataType(), training);
        return mu.add(sigma.mul(epsilon));                                 // z = μ + σ ⊙ ε
    }

    @Override
    public INDArray backward(INDArray dz) {
        INDArray dLogVar = dz.mul(epsilon).muli(sigma).muli(0.5);          // d log σ² = dz ⊙ ε ⊙ σ/2
        return Nd4j.hstack(dz, dLogVar);                                   // [dμ | d log σ²], dμ = dz
    }

    private INDArray noise(long rows, DataType type, boolean training) {
        if (heldNoise != null) {
            if (heldNoise.rows() != rows) {
                throw new IllegalArgumentException(String.format("layer '%s' holds noise for %d rows but the batch has %d: hold noise of shape [%d, %d]",
                        name(), heldNoise.rows(), rows, rows, latent));
            }
            return heldNoise.castTo(type);
        }
        if (!training) return Nd4j.zeros(type, rows, latent);            // inference: z = μ
        return standardNormal(random, rows, latent, type);
    }

    /** None: every training batch draws its own ε, so two halves would draw other numbers than one piece. */
    @Override
    public Layer twin() {
        return null;
    }

    /** z = μ + σ ⊙ ε in SameDiff, with the held ε (without held noise, inference: z = μ). See {@link Layer#sameDiff}. */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable stats) {
        SDVariable mu = stats.get(SDIndex.all(), SDIndex.interval(0, latent));
        SDVariable logVar = stats.get(SDIndex.all(), SDIndex.interval(latent, 2 * latent));
        if (heldNoise == null) return mu;
        return mu.add(graph.sd().math().exp(logVar.mul(0.5)).mul(graph.sd().constant(heldNoise.castTo(DataType.DOUBLE))));
    }

    /** A [rows, k] matrix of independent N(0, 1) numbers drawn from {@code random}, in {@code type}. */
    public static INDArray standardNormal(Random random, long rows, int k, DataType type) {
        double[] e = new double[(int) (rows * k)];
        for (int i = 0; i < e.length; i++) e[i] = random.nextGaussian();
        return Nd4j.create(e, new long[] {rows, k}, DataType.DOUBLE).castTo(type);
    }

    /** Uses this ε ([rows, latent]) in every forward pass, training or not, until {@link #releaseNoise}. */
    public void holdNoise(INDArray epsilon) {
        if (epsilon.rank() != 2 || epsilon.columns() != latent) {
            throw new IllegalArgumentException(String.format("layer '%s' needs noise of shape [rows, %d], got %s",
                    name(), latent, Arrays.toString(epsilon.shape())));
        }
        this.heldNoise = epsilon.dup();
    }

    public void releaseNoise() {
        this.heldNoise = null;
    }

    /** The held ε, or null when each training batch draws its own. */
    public INDArray heldNoise() {
        return heldNoise;
    }

    /** ε of the last forward pass. */
    public INDArray lastNoise() {
        return epsilon;
    }

    public int latentSize() {
        return latent;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != 2 * latent) {
            throw new IllegalArgumentException(String.format("layer '%s' (%s) takes [μ | log σ²] of width %d but follows a layer of width %d",
                    name(), describe(), 2 * latent, inputSize));
        }
        return latent;
    }

    @Override
    public String describe() {
        return "Sampling(z = μ + σ·ε, " + latent + ")";
    }
}
