package aekit.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A long series cut into overlapping windows, each a row of fixed width: the form a dense autoencoder can read
 * (notebook 10's ECG). Window i covers samples {@code start + i·stride … start + i·stride + length − 1}.
 */
public final class Windows {
    private Windows() {}

    /** Every window of {@code length} samples, {@code stride} apart, inside {@code [from, to)} of the series. */
    public static INDArray of(double[] series, int from, int to, int length, int stride) {
        int[] starts = starts(series.length, from, to, length, stride);
        float[][] rows = new float[starts.length][length];
        for (int i = 0; i < starts.length; i++) for (int j = 0; j < length; j++) rows[i][j] = (float) series[starts[i] + j];
        return Nd4j.createFromArray(rows);
    }

    /** For the same windows: does the window contain at least {@code minCount} flagged samples? */
    public static boolean[] flagged(boolean[] flags, int from, int to, int length, int stride, int minCount) {
        int[] starts = starts(flags.length, from, to, length, stride);
        boolean[] out = new boolean[starts.length];
        for (int i = 0; i < starts.length; i++) {
            int count = 0;
            for (int j = 0; j < length; j++) if (flags[starts[i] + j]) count++;
            out[i] = count >= minCount;
        }
        return out;
    }

    private static int[] starts(int size, int from, int to, int length, int stride) {
        if (from < 0 || to > size || to - from < length) {
            throw new IllegalArgumentException(String.format("windows of %d samples do not fit in [%d, %d) of a series of %d", length, from, to, size));
        }
        if (length <= 0 || stride <= 0) throw new IllegalArgumentException("window length and stride must be positive, got " + length + " and " + stride);
        return java.util.stream.IntStream.iterate(from, s -> s + length <= to, s -> s + stride).toArray();
    }
}
