package aekit;

import org.nd4j.linalg.api.buffer.DataType;

/** Kit-wide constants: the one seed every notebook starts from, and the float type used for training. */
public final class Kit {
    /** The kit's fixed seed: same seed, same machine, same numbers. */
    public static final long SEED = 42;

    /** Training runs in 32-bit floats (fast BLAS); gradient checks switch to 64-bit. */
    public static final DataType DTYPE = DataType.FLOAT;

    private Kit() {}
}
