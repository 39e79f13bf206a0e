package aekit.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Per-column scaling, fitted on training data only and then applied to any data (so the test set never
 * leaks into the statistics).
 *
 * <pre>
 * min-max:  x' = (x − min) / (max − min)       into [0, 1] on the training data
 * z-score:  x' = (x − mean) / std              mean 0, std 1 on the training data
 * </pre>
 */
public final class Scaler {
    private final String kind;
    private final INDArray shift;
    private final INDArray scale;

    private Scaler(String kind, INDArray shift, INDArray scale) {
        this.kind = kind;
        this.shift = shift;
        this.scale = scale;
    }

    public static Scaler minMax(INDArray train) {
        INDArray min = train.min(true, 0);
        INDArray range = train.max(true, 0).subi(min);
        return new Scaler("min-max", min, guard(range));
    }

    public static Scaler zScore(INDArray train) {
        INDArray mean = train.mean(true, 0);
        INDArray std = train.std(false, true, 0);
        return new Scaler("z-score", mean, guard(std));
    }

    public INDArray transform(INDArray x) {
        if (x.columns() != shift.columns()) {
            throw new IllegalArgumentException(kind + " scaler was fitted on " + shift.columns() + " columns but got " + x.columns());
        }
        return x.subRowVector(shift).diviRowVector(scale);
    }

    public INDArray inverse(INDArray scaled) {
        return scaled.mulRowVector(scale).addiRowVector(shift);
    }

    /** A constant column has no spread to divide by; leave it unscaled rather than divide by zero. */
    private static INDArray guard(INDArray spread) {
        INDArray safe = spread.dup();
        BooleanIndexing.replaceWhere(safe, 1.0, Conditions.equals(0));
        return safe;
    }
}
