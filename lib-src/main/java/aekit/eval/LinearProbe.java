package aekit.eval;

import aekit.Kit;
import aekit.activations.Softmax;
import aekit.data.Scaler;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Sequential;
import aekit.losses.CategoricalCrossEntropy;
import aekit.optimizers.Adam;
import aekit.regularizers.L2WeightDecay;
import aekit.training.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How useful are features for a task? Train the simplest classifier on them — softmax regression,
 * p = softmax(z·W + b) with z the features z-scored on the labelled rows — and report its test accuracy.
 * The same probe on pixels, PCA features and autoencoder codes compares the features, not the classifiers.
 *
 * <p>Fixed settings, so every feature set gets the same treatment: Adam(1e-2), batches of 64, about 600
 * updates whatever the number of labels, and a small L2 penalty (λ = 1e-3) so that 100 labels in 784
 * dimensions do not simply get memorised.
 */
public final class LinearProbe {
    private static final int UPDATES = 600;
    private static final int BATCH = 64;

    private LinearProbe() {}

    /** Trains on ({@code trainX}, {@code trainY}), returns the accuracy on ({@code testX}, {@code testY}). */
    public static double accuracy(INDArray trainX, int[] trainY, INDArray testX, int[] testY, int classes) {
        if (trainX.rows() != trainY.length || testX.rows() != testY.length) {
            throw new IllegalArgumentException(String.format("features and labels differ in count: train %d vs %d, test %d vs %d",
                    trainX.rows(), trainY.length, testX.rows(), testY.length));
        }
        Scaler scaler = Scaler.zScore(trainX);
        int width = (int) trainX.columns();
        Sequential classifier = new Sequential("probe", width,
                new Dense(width, classes, Init.GLOROT_UNIFORM, Kit.SEED), new ActivationLayer(new Softmax()));
        INDArray oneHot = Nd4j.zeros(trainX.dataType(), trainY.length, classes);
        for (int i = 0; i < trainY.length; i++) oneHot.putScalar(i, trainY[i], 1.0);
        int batchesPerEpoch = (trainY.length + BATCH - 1) / BATCH;
        new Trainer(new CategoricalCrossEntropy(), new Adam(1e-2)).weightPenalty(new L2WeightDecay(1e-3))
                .epochs(Math.max(1, UPDATES / batchesPerEpoch)).batchSize(BATCH).quiet()
                .fit(classifier, scaler.transform(trainX), oneHot);
        return Metrics.accuracy(classifier, scaler.transform(testX), testY);
    }
}
