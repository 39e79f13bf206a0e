package aekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.losses.BinaryCrossEntropy;
import aekit.losses.Loss;
import aekit.losses.MeanAbsoluteError;
import aekit.losses.MeanSquaredError;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.optimizers.SGD;
import aekit.training.History;
import aekit.training.Trainer;
import aekit.training.TrainingDivergedException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Property-based tests of the public API (jqwik): generated sizes, hyperparameters and data, the bad ones included
 * (non-positive sizes, NaN, ±∞, huge values, empty and wrongly shaped matrices, the wrong data type). Every call
 * either works — and then gives finite numbers — or throws an IllegalArgumentException (or the kit's own
 * TrainingDivergedException) whose message names what was wrong. Never an ND4J-internal error, a NaN result or a
 * crash. Cases found failing are kept as plain tests in {@link NothingSilentTest}.
 */
class PublicApiPropertiesTest {

    /** Runs the call; if it throws, the exception must be the kit's and its message must mention one of the clues. */
    private static <T> T worksOrExplains(java.util.function.Supplier<T> call, String... clues) {
        try {
            return call.get();
        } catch (IllegalArgumentException | TrainingDivergedException e) {
            String message = String.valueOf(e.getMessage());
            assertTrue(Arrays.stream(clues).anyMatch(message::contains), "the message names none of " + Arrays.toString(clues) + ": " + message);
            assertTrue(!message.contains("Op [") && !message.contains("execution failed"), "an ND4J-internal message: " + message);
            return null;
        }
    }

    @Property(tries = 60)
    void theBuilderTakesPositiveSizesAndNamesBadOnes(@ForAll @Size(max = 5) List<@IntRange(min = -3, max = 40) Integer> sizes) {
        int[] s = sizes.stream().mapToInt(Integer::intValue).toArray();
        String[] clues = Arrays.stream(s).mapToObj(String::valueOf).toArray(String[]::new);
        Autoencoder ae = worksOrExplains(() -> Autoencoder.dense(s), clues.length == 0 ? new String[] {"0 size"} : append(clues, "size"));
        if (ae != null) {
            assertTrue(s.length >= 2 && Arrays.stream(s).allMatch(v -> v > 0));
            assertEquals(s[s.length - 1], ae.codeSize());
        }
    }

    @Provide
    Arbitrary<Double> anyNumber() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-2, 2),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e30, -1e30, 0.0, 255.0));
    }

    @Provide
    Arbitrary<DataType> dataType() {
        return Arbitraries.of(DataType.FLOAT, DataType.DOUBLE, DataType.INT32, DataType.INT64);
    }

    @Property(tries = 80)
    void encodeAndReconstructWorkOrNameTheProblem(@ForAll @IntRange(min = 0, max = 4) int rows,
                                                  @ForAll @IntRange(min = 0, max = 8) int columns,
                                                  @ForAll("anyNumber") double value,
                                                  @ForAll("dataType") DataType type) {
        Autoencoder ae = Autoencoder.dense(6, 4, 2);
        INDArray x = Nd4j.valueArrayOf(new long[] {rows, columns}, value, DataType.DOUBLE).castTo(type);
        INDArray code = worksOrExplains(() -> ae.encode(x), "no rows", "NaN", "width", "INT input", "LONG input", "DOUBLE input", "shape");
        if (code != null) assertFinite("encode", code);
        INDArray out = worksOrExplains(() -> ae.reconstruct(x), "no rows", "NaN", "width", "INT input", "LONG input", "DOUBLE input", "shape");
        if (out != null) assertFinite("reconstruct", out);
    }

    @Property(tries = 40)
    void fitWorksOrNamesTheBadHyperparameter(@ForAll @IntRange(min = -1, max = 2) int epochs,
                                             @ForAll @IntRange(min = -1, max = 40) int batchSize,
                                             @ForAll("learningRate") double learningRate,
                                             @ForAll boolean adam) {
        INDArray x = Fixtures.unitInterval(12, 6, 3);
        Autoencoder ae = Autoencoder.dense(6, 3);
        History h = worksOrExplains(() -> new Trainer(new BinaryCrossEntropy(), adam ? new Adam(learningRate) : new SGD(learningRate, 0, false))
                .epochs(epochs).batchSize(batchSize).quiet().fit(ae, x),
                "epochs", "batch", "learning rate", String.valueOf(epochs), String.valueOf(batchSize), "diverged", "NaN");
        if (h != null) {
            assertEquals(epochs, h.epochs().size());
            for (double loss : h.trainLosses()) assertTrue(Double.isFinite(loss), "a finished epoch has a finite loss");
        }
    }

    @Provide
    Arbitrary<Double> learningRate() {
        return Arbitraries.of(-1.0, 0.0, 1e-6, 1e-3, 0.1, 10.0, 1e6, Double.NaN, Double.POSITIVE_INFINITY);
    }

    @Provide
    Arbitrary<Loss> loss() {
        return Arbitraries.of(new MeanSquaredError(), new MeanAbsoluteError(), new BinaryCrossEntropy());
    }

    @Property(tries = 80)
    void lossesWorkOrNameTheProblem(@ForAll("loss") Loss loss,
                                    @ForAll @IntRange(min = 1, max = 3) int rows,
                                    @ForAll @IntRange(min = 1, max = 4) int columns,
                                    @ForAll @IntRange(min = 1, max = 4) int targetColumns,
                                    @ForAll("target") double target) {
        INDArray prediction = Fixtures.unitInterval(rows, columns, 7);
        INDArray t = Nd4j.valueArrayOf(new long[] {rows, targetColumns}, target, prediction.dataType());
        Double value = worksOrExplains(() -> loss.value(prediction, t), "shape", "[0, 1]");
        if (value != null) assertTrue(Double.isFinite(value), loss.name() + " gave " + value);
        INDArray g = worksOrExplains(() -> loss.gradient(prediction, t), "shape", "[0, 1]");
        if (g != null) assertFinite(loss.name() + " gradient", g);
    }

    @Provide
    Arbitrary<Double> target() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-3, 3), Arbitraries.of(0.0, 1.0, 255.0, 1e6, -1e6));
    }

    private static void assertFinite(String what, INDArray a) {
        assertTrue(!a.isNaN().any() && !a.isInfinite().any(), what + " returned NaN or infinite values: " + a);
    }

    private static String[] append(String[] a, String b) {
        String[] all = Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }
}
