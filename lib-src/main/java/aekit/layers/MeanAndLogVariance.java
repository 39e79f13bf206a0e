package aekit.layers;

import aekit.Kit;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The variational encoder's two heads. From the same hidden h, one Dense layer gives the mean μ of the code's
 * distribution q(z|x) = N(μ, diag σ²) and another its log-variance log σ²:
 *
 * <pre>
 * forward:   μ      = h·W_μ + b_μ
 *            log σ² = h·W_v + b_v          output [μ | log σ²], [N, 2k]
 * backward:  dh = dμ·W_μᵀ + d(log σ²)·W_vᵀ  (h feeds both heads, so the two gradients add)
 * </pre>
 *
 * Why log σ² and not σ: every real number is a valid log-variance, so the head needs no activation to keep σ > 0.
 */
public final class MeanAndLogVariance extends Layer {
    public final Dense mean;
    public final Dense logVariance;
    private final int latent;

    public MeanAndLogVariance(int in, int latent, Init init, long seed) {
        super("meanandlogvariance");
        if (latent <= 0) throw new IllegalArgumentException("MeanAndLogVariance needs a positive latent size, got " + latent);
        this.mean = new Dense(in, latent, init, seed);
        this.logVariance = new Dense(in, latent, init, seed + 1);
        this.latent = latent;
    }

    public MeanAndLogVariance(int in, int latent) {
        this(in, latent, Init.GLOROT_UNIFORM, Kit.SEED);
    }

    private MeanAndLogVariance(MeanAndLogVariance original) {   // the twin: both heads' twins, the same names
        super(original.name());
        this.mean = (Dense) original.mean.twin();
        this.logVariance = (Dense) original.logVariance.twin();
        this.latent = original.latent;
    }

    @Override
    public INDArray forward(INDArray h, boolean training) {
        INDArray mu = mean.forward(h, training);
        INDArray logVar = logVariance.forward(h, training);
        return Nd4j.hstack(mu, logVar);                                    // [μ | log σ²]
    }

    @Override
    public INDArray backward(INDArray dStats) {
        return backward(dStats, true);
    }

    @Override
    public INDArray backward(INDArray dStats, boolean inputGradient) {
        if (dStats.columns() != 2L * latent) {
            throw new IllegalArgumentException(String.format("layer '%s' (%s) expects a gradient of width %d ([dμ | d log σ²]) but got %d",
                    name(), describe(), 2 * latent, dStats.columns()));
        }
        INDArray dMu = meanOf(dStats).dup();
        INDArray dLogVar = logVarianceOf(dStats).dup();
        INDArray fromMean = mean.backward(dMu, inputGradient);
        INDArray fromLogVar = logVariance.backward(dLogVar, inputGradient);
        return inputGradient ? fromMean.add(fromLogVar) : null;           // dh = dμ·W_μᵀ + d(log σ²)·W_vᵀ
    }

    /** The two heads' twins: see {@link Layer#twin()}. */
    @Override
    public Layer twin() {
        return new MeanAndLogVariance(this);
    }

    /** [μ | log σ²], both heads in SameDiff (see {@link Layer#sameDiff}). */
    @Override
    public SDVariable sameDiff(SameDiffGraph graph, SDVariable h) {
        return graph.sd().concat(1, mean.sameDiff(graph, h), logVariance.sameDiff(graph, h));
    }

    /** The μ columns of a [μ | log σ²] matrix. */
    public static INDArray meanOf(INDArray stats) {
        return stats.get(NDArrayIndex.all(), NDArrayIndex.interval(0, stats.columns() / 2));
    }

    /** The log σ² columns of a [μ | log σ²] matrix. */
    public static INDArray logVarianceOf(INDArray stats) {
        return stats.get(NDArrayIndex.all(), NDArrayIndex.interval(stats.columns() / 2, stats.columns()));
    }

    public int latentSize() {
        return latent;
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>(mean.params());
        all.addAll(logVariance.params());
        return all;
    }

    @Override
    public void rename(String newName) {
        super.rename(newName);
        mean.rename(newName + ".mean");
        logVariance.rename(newName + ".logvar");
    }

    @Override
    protected String kind() {
        return "heads";
    }

    @Override
    public int outputSize(int inputSize) {
        mean.outputSize(inputSize);                                        // names the layer if the width is wrong
        return 2 * latent;
    }

    @Override
    public String describe() {
        return "MeanAndLogVariance(" + mean.inputSize() + "→μ:" + latent + ", log σ²:" + latent + ")";
    }
}
