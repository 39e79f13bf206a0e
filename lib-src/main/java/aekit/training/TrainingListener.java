package aekit.training;

/** Hears about training as it happens (progress lines, custom logging). */
public interface TrainingListener {
    default void onEpochEnd(EpochRecord record, int totalEpochs) {}

    default void onTrainEnd(History history) {}
}
