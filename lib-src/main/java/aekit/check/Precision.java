package aekit.check;

import aekit.Kit;
import aekit.layers.Layer;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;

/** Both checkers compare numbers to 1e-6 or better, which float32 cannot resolve: they run the model in double. */
final class Precision {
    private Precision() {}

    /** Casts the model's parameters to DOUBLE, runs {@code check}, and casts them back, even if it throws. */
    static <T> T inDouble(Layer model, Supplier<T> check) {
        DataType original = model.params().isEmpty() ? Kit.DTYPE : model.params().get(0).value.dataType();
        model.castTo(DataType.DOUBLE);
        try {
            return check.get();
        } finally {
            model.castTo(original);
        }
    }
}
