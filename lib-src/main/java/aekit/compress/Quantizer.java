package aekit.compress;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stores a code in b bits per number instead of 32: each code unit's range [lo, hi], measured on training codes,
 * is cut into 2^b − 1 equal steps, and a value is kept as the index of its nearest step.
 *
 * <pre>
 * step = (hi − lo) / (2^b − 1)
 * q    = round( (clip(h, lo, hi) − lo) / step )      an integer in 0 … 2^b − 1: what is stored
 * ĥ    = lo + q · step                                what the decoder gets back
 * </pre>
 *
 * The error |h − ĥ| is at most step/2 inside the range. The decoder is then fed ĥ, so quantisation costs
 * reconstruction quality; the compressed size of an image is {@code codeSize · b} bits ({@link #bitsPerSample}).
 */
public final class Quantizer {
    public final int bits;
    private final double[] lo;
    private final double[] hi;

    private Quantizer(int bits, double[] lo, double[] hi) {
        this.bits = bits;
        this.lo = lo;
        this.hi = hi;
    }

    /** Measures each column's range on {@code trainingCodes}. */
    public static Quantizer fit(INDArray trainingCodes, int bits) {
        if (bits < 1 || bits > 16) throw new IllegalArgumentException("bits per number must be in 1…16, got " + bits);
        double[] lo = trainingCodes.min(0).toDoubleVector(), hi = trainingCodes.max(0).toDoubleVector();
        return new Quantizer(bits, lo, hi);
    }

    /** The stored integers q, one per code number. */
    public int[][] encode(INDArray codes) {
        requireWidth(codes);
        double[][] h = codes.toDoubleMatrix();
        int levels = (1 << bits) - 1;
        int[][] q = new int[h.length][lo.length];
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < lo.length; j++) {
                double step = (hi[j] - lo[j]) / levels;
                q[i][j] = step == 0 ? 0 : (int) Math.round((Math.min(hi[j], Math.max(lo[j], h[i][j])) - lo[j]) / step);
            }
        }
        return q;
    }

    /** The codes the decoder gets back, ĥ = lo + q·step. */
    public INDArray decode(int[][] q) {
        int levels = (1 << bits) - 1;
        double[][] h = new double[q.length][lo.length];
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < lo.length; j++) h[i][j] = lo[j] + q[i][j] * (hi[j] - lo[j]) / levels;
        }
        return Nd4j.createFromArray(h);
    }

    /** decode(encode(codes)), in the codes' data type: the round trip through storage. */
    public INDArray roundTrip(INDArray codes) {
        return decode(encode(codes)).castTo(codes.dataType());
    }

    /** Bits to store one sample's code. */
    public long bitsPerSample() {
        return (long) lo.length * bits;
    }

    private void requireWidth(INDArray codes) {
        if (codes.rank() != 2 || codes.columns() != lo.length) {
            throw new IllegalArgumentException("quantizer was fitted on codes of width " + lo.length + ", got shape " + Arrays.toString(codes.shape()));
        }
    }
}
