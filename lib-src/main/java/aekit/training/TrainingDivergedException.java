package aekit.training;

/** Training produced a NaN or infinite loss; the message says where and what usually causes it. */
public final class TrainingDivergedException extends RuntimeException {
    public final int epoch;
    public final int batch;

    TrainingDivergedException(int epoch, int batch, double loss, String hints) {
        super(String.format("the loss became %s at epoch %d, batch %d — training stopped. %s", loss, epoch, batch, hints));
        this.epoch = epoch;
        this.batch = batch;
    }
}
