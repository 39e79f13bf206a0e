package aekit.training;

/** One epoch of training: mean training loss, validation loss (NaN without validation data) and seconds taken. */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double seconds) {}
