package aekit.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * t-SNE (van der Maaten &amp; Hinton, 2008): a 2-D map that keeps each point's nearest neighbours near, the tool
 * people reach for to look at codes. It is not math this kit teaches, so it comes from a library: the Barnes-Hut
 * t-SNE of van der Maaten (2014) in Java, {@code de.javagl:bh-tsne} (a cleaned-up T-SNE-Java; BSD licence — this
 * product includes software developed by the Delft University of Technology).
 *
 * <pre>
 * p_ij  similarity of points i, j in the input: a Gaussian around i whose width gives it `perplexity` effective
 *       neighbours, symmetrised
 * q_ij  similarity of their map points: (1 + |y_i − y_j|²)⁻¹, normalised — a heavy-tailed Student t
 * y     found by gradient descent on KL(P ‖ Q); Barnes-Hut (θ) approximates the far-away pairs
 * </pre>
 *
 * Unlike PCA or an encoder, t-SNE learns no function: it places only the points it is given, so a new point
 * needs a new run. Defaults are van der Maaten's: perplexity 30, 1,000 iterations, θ = 0.5.
 *
 * <pre>
 * INDArray map = Tsne.map(codes);                  // [N, 2], the same for the same input (fixed seed)
 * </pre>
 */
public final class Tsne {
    public static final double PERPLEXITY = 30;
    public static final int ITERATIONS = 1000;
    public static final double THETA = 0.5;

    private Tsne() {}

    /** The 2-D t-SNE map of the rows of {@code points}, with the default settings and the kit's seed. */
    public static INDArray map(INDArray points) {
        return map(points, PERPLEXITY, ITERATIONS, aekit.Kit.SEED);
    }

    /**
     * The 2-D t-SNE map of the rows of {@code points}: one row {y₁, y₂} per input row, in the same order.
     *
     * @param perplexity about how many neighbours each point keeps (5–50 is usual); needs more than 3 × perplexity
     *                   other points
     * @param iterations gradient steps; the first 250 exaggerate the input similarities, so use well over 250
     * @param seed       the random start of the map: the same seed and input give the same map
     */
    public static INDArray map(INDArray points, double perplexity, int iterations, long seed) {
        if (points.rank() != 2) throw new IllegalArgumentException("t-SNE maps the rows of a matrix, got shape " + java.util.Arrays.toString(points.shape()));
        long n = points.rows();
        if (!(perplexity > 0) || n - 1 <= 3 * perplexity) {
            throw new IllegalArgumentException(String.format(
                    "t-SNE with perplexity %.1f needs more than %d points (3 × perplexity + 1), got %d: use more points or a smaller perplexity",
                    perplexity, (int) (3 * perplexity) + 1, n));
        }
        if (iterations <= 250) throw new IllegalArgumentException("t-SNE needs more than 250 iterations (the first 250 exaggerate the input similarities), got " + iterations);
        if (points.isNaN().any() || points.isInfinite().any()) throw new IllegalArgumentException("t-SNE input has NaN or infinite values");
        // The library divides the input by its largest value before it starts: shift every value to ≥ 0 so that this
        // is a positive number (distances, all that t-SNE uses, do not change under a shift).
        INDArray shifted = points.castTo(DataType.DOUBLE).sub(points.castTo(DataType.DOUBLE).minNumber());
        if (shifted.maxNumber().doubleValue() == 0) throw new IllegalArgumentException("t-SNE input has all points equal: there is nothing to map");
        de.javagl.tsne.Tsne tsne = new de.javagl.tsne.Tsne();
        tsne.setOutputDims(2);
        tsne.setInitialDims(0);                   // no PCA inside: reduce the input beforehand if you want one
        tsne.setPerplexity(perplexity);
        tsne.setMaxIterations(iterations);
        tsne.setTheta(THETA);
        tsne.setRandomSeed(seed);
        tsne.setMessageConsumer(null);
        double[][] map = tsne.run(shifted.toDoubleMatrix());
        if (map == null) throw new IllegalStateException("t-SNE was interrupted");
        return Nd4j.createFromArray(map).castTo(points.dataType());
    }
}
