package aekit.regularizers;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A penalty Ω(h) on the code h = encoder(x) (the "sparsity" property of seed 004 §2.4), with dΩ/dh. */
public interface CodePenalty {
    double value(INDArray code);

    INDArray gradient(INDArray code);
}
