package aekit.check;

import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The outcome of a gradient check: for each array, how many elements were compared and the worst relative error. */
public record GradientReport(String against, List<Row> rows) {
    public record Row(String array, int checked, double maxRelativeError) {}

    public double maxRelativeError() {
        return rows.stream().mapToDouble(Row::maxRelativeError).max().orElse(0);
    }

    public boolean passed(double tolerance) {
        return maxRelativeError() < tolerance;
    }

    public Table toTable() {
        return Table.create("gradients vs " + against,
                StringColumn.create("array", rows.stream().map(Row::array).toArray(String[]::new)),
                IntColumn.create("elements checked", rows.stream().mapToInt(Row::checked).toArray()),
                DoubleColumn.create("max relative error", rows.stream().mapToDouble(Row::maxRelativeError).toArray()));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("gradients vs " + against + ":\n");
        for (Row r : rows) s.append(String.format(Locale.ROOT, "  %-24s %6d checked  max rel. error %.2e%n", r.array(), r.checked(), r.maxRelativeError()));
        return s.toString();
    }
}
