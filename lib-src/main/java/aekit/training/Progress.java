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

    static String line(EpochRecord r, int totalEpochs) {
        String val = Double.isNaN(r.validationLoss()) ? "" : String.format(Locale.ROOT, "  validation %.5f", r.validationLoss());
        return String.format(Locale.ROOT, "epoch %d/%d  train loss %.5f%s  (%.1f s)", r.epoch(), totalEpochs, r.trainLoss(), val, r.seconds());
    }
}
