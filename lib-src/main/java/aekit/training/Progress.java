package aekit.training;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one line per epoch that shows training as it runs. Where the line goes is pluggable: a console
 * prints each line; the kit's notebook start-up replaces {@link #setLineSink} with one that rewrites a
 * single output line in place, so a long run shows one live line, not a wall of text.
 */
public final class Progress implements TrainingListener {
    private static Supplier<Consumer<String>> sinkFactory = () -> System.out::println;

    private final Consumer<String> sink = sinkFactory.get();

    /** Where new progress lines go; each training run asks the factory for a fresh sink. */
    public static void setLineSink(Supplier<Consumer<String>> factory) {
        sinkFactory = factory;
    }

    @Override
    public void onEpochEnd(EpochRecord r, int totalEpochs) {
        sink.accept(line(r, totalEpochs));
    }

    /**
     * The last word replaces the live line with a summary that has no timings, so a notebook's saved
     * output is the same on every run (timings stay available in {@link History#totalSeconds()}).
     */
    @Override
    public void onTrainEnd(History history) {
        if (history.epochs().isEmpty()) return;
        EpochRecord r = history.last();
        String val = Double.isNaN(r.validationLoss()) ? "" : String.format(Locale.ROOT, ", validation %.5f", r.validationLoss());
        String early = history.stoppedEarly() ? String.format(Locale.ROOT, " (stopped early; weights of epoch %d restored)", history.bestEpoch()) : "";
        sink.accept(String.format(Locale.ROOT, "trained %d epochs: train loss %.5f%s%s", r.epoch(), r.trainLoss(), val, early));
    }

    static String line(EpochRecord r, int totalEpochs) {
        String val = Double.isNaN(r.validationLoss()) ? "" : String.format(Locale.ROOT, "  validation %.5f", r.validationLoss());
        return String.format(Locale.ROOT, "epoch %d/%d  train loss %.5f%s  (%.1f s)", r.epoch(), totalEpochs, r.trainLoss(), val, r.seconds());
    }
}
