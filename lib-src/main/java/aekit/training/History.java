package aekit.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.csv.CsvReadOptions;

/** What {@link Trainer#fit} returns: one {@link EpochRecord} per epoch, and where early stopping ended. */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();
    private int bestEpoch = -1;
    private boolean stoppedEarly;

    void add(EpochRecord record) {
        epochs.add(record);
    }

    void stoppedEarly(int bestEpoch) {
        this.stoppedEarly = true;
        this.bestEpoch = bestEpoch;
    }

    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public EpochRecord last() {
        return epochs.get(epochs.size() - 1);
    }

    public double finalTrainLoss() {
        return last().trainLoss();
    }

    public double finalValidationLoss() {
        return last().validationLoss();
    }

    public double[] trainLosses() {
        return epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray();
    }

    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray();
    }

    public boolean hasValidation() {
        return !epochs.isEmpty() && !Double.isNaN(epochs.get(0).validationLoss());
    }

    /** True when early stopping ended training; the model then holds the weights of {@link #bestEpoch}. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public double totalSeconds() {
        return epochs.stream().mapToDouble(EpochRecord::seconds).sum();
    }

    /** The history as a Tablesaw table: epoch, train loss, validation loss (timings left out: they vary run to run). */
    public Table toTable() {
        DoubleColumn train = DoubleColumn.create("train loss", trainLosses());
        DoubleColumn validation = DoubleColumn.create("validation loss", validationLosses());
        for (DoubleColumn c : List.of(train, validation)) c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(5));
        return Table.create("training history", IntColumn.create("epoch", epochs.stream().mapToInt(EpochRecord::epoch).toArray()), train, validation);
    }

    /** Writes the epochs as CSV (epoch, train loss, validation loss, seconds): a trained model's record, kept beside it. */
    public void write(Path csv) {
        Table table = Table.create("training history",
                IntColumn.create("epoch", epochs.stream().mapToInt(EpochRecord::epoch).toArray()),
                DoubleColumn.create("train loss", trainLosses()),
                DoubleColumn.create("validation loss", validationLosses()),
                DoubleColumn.create("seconds", epochs.stream().mapToDouble(EpochRecord::seconds).toArray()));
        table.write().csv(csv.toFile());
    }

    /** A history written by {@link #write}: the curves of a model trained elsewhere, to plot beside a live run. */
    public static History read(Path csv) {
        Table table = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).tableName("training history")
                .columnTypes(new ColumnType[] {ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE}));
        History history = new History();
        for (int row = 0; row < table.rowCount(); row++) {
            history.add(new EpochRecord(table.intColumn("epoch").get(row), number(table, "train loss", row),
                    number(table, "validation loss", row), number(table, "seconds", row)));
        }
        return history;
    }

    private static double number(Table table, String column, int row) {
        return table.numberColumn(column).getDouble(row);   // an empty cell (no validation data in that run) reads as NaN
    }

    @Override
    public String toString() {
        return epochs.isEmpty() ? "History(empty)" : String.format(java.util.Locale.ROOT,
                "History(%d epochs, final train loss %.5f%s)", epochs.size(), finalTrainLoss(),
                hasValidation() ? String.format(java.util.Locale.ROOT, ", validation %.5f", finalValidationLoss()) : "");
    }
}
