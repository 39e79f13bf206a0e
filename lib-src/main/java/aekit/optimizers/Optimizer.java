package aekit.optimizers;

import aekit.layers.Param;
import java.util.List;

/** Uses each parameter's gradient to take one step downhill. Keeps any state (velocity, moments) per parameter. */
public interface Optimizer {
    void step(List<Param> params);

    /** The step size η. */
    double learningRate();

    String describe();

    static double requireLearningRate(String who, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(who + ": learning rate must be a positive finite number, got " + lr);
        }
        return lr;
    }
}
