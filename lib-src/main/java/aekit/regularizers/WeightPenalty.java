package aekit.regularizers;

import aekit.layers.Param;
import java.util.List;

/** A penalty Ω(W) on the weight matrices (biases are not penalised), added to the loss, with its gradient. */
public interface WeightPenalty {
    double value(List<Param> params);

    /** Adds dΩ/dW into each weight's gradient. */
    void addGradient(List<Param> params);
}
