package aekit.optimizers;

import aekit.layers.Param;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Uses each parameter's gradient to take one step downhill. Keeps any state (velocity, moments) per parameter. */
public interface Optimizer {
    void step(List<Param> params);

    /**
     * One step on θ when its gradient comes in two parts, g = g₁ + g₂: θ's own gradient holds g₁ and {@code secondPart}
     * holds g₂ (the two halves of a batch, {@code Trainer.splitBatches}). Adds them into θ's gradient, then steps;
     * {@link Adam} does both on the two cores, each on half of θ.
     */
    default void step(Param theta, INDArray secondPart) {
        axpy(1.0, secondPart, theta.grad);
        step(List.of(theta));
    }

    /** The step size η. */
    double learningRate();

    String describe();

    /** y ← y + α·x in place: BLAS's axpy, one pass over the numbers and no temporary array. */
    public static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(y.length(), alpha, x, y);
    }

    static double requireLearningRate(String who, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(who + ": learning rate must be a positive finite number, got " + lr);
        }
        return lr;
    }
}
