package aekit.training;

import aekit.optimizers.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training produced a NaN or infinite loss; the message says where and what usually causes it. */
public final class TrainingDivergedException extends RuntimeException {
    public final int epoch;
    public final int batch;

    TrainingDivergedException(int epoch, int batch, double loss, String hints) {
        super(String.format("the loss became %s at epoch %d, batch %d — training stopped. %s", loss, epoch, batch, hints));
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The exception for a loss that became {@code value}, with hints from the optimizer and the range of the inputs. */
    static TrainingDivergedException explain(int epoch, int batch, double value, Optimizer optimizer, INDArray inputs) {
        double min = inputs.minNumber().doubleValue(), max = inputs.maxNumber().doubleValue();
        StringBuilder hints = new StringBuilder("Usual causes: ");
        hints.append(String.format(java.util.Locale.ROOT, "the learning rate (%s) is too high — try 10× smaller; ", optimizer.describe()));
        if (min < 0 || max > 1) {
            hints.append(String.format(java.util.Locale.ROOT,
                    "the inputs are not scaled (they range over [%g, %g]; scale pixels to [0, 1], e.g. divide by 255, or z-score tabular columns)", min, max));
        } else {
            hints.append("the inputs look scaled (all in [0, 1]), so start with the learning rate");
        }
        return new TrainingDivergedException(epoch, batch, value, hints.toString());
    }
}
