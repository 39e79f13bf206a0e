package aekit.training;

/**
 * Training was interrupted (the notebook's stop button interrupts the cell's thread). It stops at a batch boundary:
 * the model keeps the weights of the last completed step, and {@link #history} holds the epochs that finished.
 */
public final class TrainingInterruptedException extends RuntimeException {
    public final History history;

    TrainingInterruptedException(int epoch, int batch, History history) {
        super(String.format("training interrupted in epoch %d after batch %d: the model keeps the weights of that step; "
                + "the %d finished epoch(s) are in the trainer's lastHistory()", epoch, batch, history.epochs().size()));
        this.history = history;
    }
}
