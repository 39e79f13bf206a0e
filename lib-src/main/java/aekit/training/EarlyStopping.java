package aekit.training;

import aekit.layers.Param;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping, epoch by epoch: it watches the validation loss (the training loss, without validation data), keeps
 * a copy of the weights whenever it improves by more than {@code minDelta}, and after {@code patience} epochs without
 * such an improvement stops training and puts the best epoch's weights back. See {@link Trainer#earlyStopping(int, double)}.
 */
final class EarlyStopping {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;
    private List<INDArray> bestWeights;

    EarlyStopping(int patience, double minDelta) {
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** After each epoch: true when training should stop, the best epoch's weights then back in {@code params}. */
    boolean stop(EpochRecord epoch, List<Param> params, History history) {
        double monitored = Double.isNaN(epoch.validationLoss()) ? epoch.trainLoss() : epoch.validationLoss();
        if (monitored < best - minDelta) {
            best = monitored;
            bestEpoch = epoch.epoch();
            sinceBest = 0;
            bestWeights = new ArrayList<>();
            for (Param p : params) bestWeights.add(p.value.dup());
            return false;
        }
        if (++sinceBest < patience) return false;
        for (int i = 0; i < params.size(); i++) params.get(i).value.assign(bestWeights.get(i));
        history.stoppedEarly(bestEpoch);
        return true;
    }
}
