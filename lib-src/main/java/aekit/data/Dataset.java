package aekit.data;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Samples as rows of {@code x} (for images: 784 grey values in [0, 1]) with an integer label per row
 * and the names of the classes.
 */
public record Dataset(String name, INDArray x, int[] labels, String[] classNames) {
    public Dataset {
        if (x.rank() != 2) throw new IllegalArgumentException(name + ": x must be a matrix [samples, features], got shape " + Arrays.toString(x.shape()));
        if (x.rows() != labels.length) {
            throw new IllegalArgumentException(String.format("%s: %d samples but %d labels — each sample needs exactly one label", name, x.rows(), labels.length));
        }
    }

    public int size() {
        return labels.length;
    }

    public int features() {
        return (int) x.columns();
    }

    /** The first {@code n} samples (the shipped files are already shuffled, so a prefix is a fair sample). */
    public Dataset take(int n) {
        if (n <= 0 || n > size()) throw new IllegalArgumentException(name + ": cannot take " + n + " of " + size() + " samples");
        return rows(IntStream.range(0, n).toArray(), name);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) throw new IllegalArgumentException(name + ": bad slice [" + from + ", " + to + ") of " + size());
        return rows(IntStream.range(from, to).toArray(), name);
    }

    /** The samples whose label is one of {@code keep}. */
    public Dataset withLabels(int... keep) {
        int[] rows = IntStream.range(0, size()).filter(i -> Arrays.stream(keep).anyMatch(k -> k == labels[i])).toArray();
        return rows(rows, name + " " + Arrays.toString(keep));
    }

    /** Splits into (train, test) after a seeded shuffle; {@code trainFraction} of the samples go to train. */
    public Dataset[] split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
        int[] order = IntStream.range(0, size()).toArray();
        Random r = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int cut = (int) Math.round(size() * trainFraction);
        return new Dataset[] {rows(Arrays.copyOf(order, cut), name + " (train)"), rows(Arrays.copyOfRange(order, cut, size()), name + " (test)")};
    }

    /** One row per sample: 1 in its label's column, 0 elsewhere (targets for a classifier). */
    public INDArray oneHot() {
        INDArray y = Nd4j.zeros(x.dataType(), size(), classNames.length);
        for (int i = 0; i < size(); i++) y.putScalar(i, labels[i], 1.0);
        return y;
    }

    private Dataset rows(int[] rows, String newName) {
        int[] newLabels = Arrays.stream(rows).map(i -> labels[i]).toArray();
        return new Dataset(newName, Nd4j.pullRows(x, 1, rows), newLabels, classNames);
    }

    @Override
    public String toString() {
        return String.format("Dataset(%s: %d samples × %d features, %d classes)", name, size(), features(), classNames.length);
    }
}
