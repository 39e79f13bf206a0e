package aekit.training;

import aekit.layers.Layer;
import aekit.losses.Loss;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What {@link Trainer#fit} checks of its data before the first batch: each failure says what is wrong and how to fix it. */
final class TrainingData {
    private TrainingData() {}

    /** Fails before the first batch, naming the problem and its fix, unless {@code fit} can train on this data. */
    static void check(Layer model, Loss loss, INDArray inputs, INDArray targets) {
        if (inputs == null || targets == null) {
            throw new IllegalArgumentException("fit: the " + (inputs == null ? "inputs are" : "targets are") + " null");
        }
        if (inputs.rank() != 2 || inputs.rows() == 0) {
            throw new IllegalArgumentException("training needs a non-empty matrix [samples, features], got shape " + Arrays.toString(inputs.shape()));
        }
        requireSameRows("inputs", inputs, "targets", targets);
        model.outputSize((int) inputs.columns());   // names the first layer that cannot take this width
        if (inputs.isNaN().any() || inputs.isInfinite().any()) {
            throw new IllegalArgumentException("the training inputs contain NaN or infinite values: clean or impute them before training"
                    + " (for missing entries: fill the inputs, mark the targets NaN and train with a MaskedLoss)");
        }
        if ((!loss.acceptsMissingTargets() && targets.isNaN().any()) || targets.isInfinite().any()) {
            throw new IllegalArgumentException("the training targets contain NaN or infinite values: clean or impute them before training"
                    + " (if NaN marks a missing entry, train with new MaskedLoss(" + loss.name() + "))");
        }
        loss.checkTargets(targets);   // before the first batch: cross-entropies need targets in [0, 1]
    }

    static void requireSameRows(String a, INDArray x, String b, INDArray y) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException(String.format("%s have %d rows but %s have %d: each input needs exactly one target",
                    a, x.rows(), b, y.rows()));
        }
    }
}
