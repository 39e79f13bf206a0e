package aekit.eval;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Anomaly detectors side by side, judged the honest way: the threshold comes from normal validation data only
 * (no test labels), then the test set is scored once.
 *
 * <pre>
 * threshold = percentile_p( scores of normal validation samples )      p = 95: 5% of normal samples get flagged
 * AUC       = P(score of a random anomaly > score of a random normal)  needs no threshold at all
 * precision, recall, F1, accuracy of the flags score &gt; threshold      ({@link BinaryScores})
 * </pre>
 */
public final class AnomalyReport {
    /** One detector on one dataset. */
    public record Row(String data, String method, double auc, BinaryScores flags) {}

    private final double percentile;
    private final List<Row> rows = new ArrayList<>();

    /** @param percentile where the threshold sits among normal validation scores, e.g. 95 */
    public AnomalyReport(double percentile) {
        if (!(percentile > 0 && percentile < 100)) throw new IllegalArgumentException("percentile must be in (0, 100), got " + percentile);
        this.percentile = percentile;
    }

    /** Scores one detector: its scores on normal validation samples set the threshold, its test scores are judged. */
    public Row add(String data, String method, double[] normalValidationScores, double[] testScores, boolean[] testAnomalous) {
        double threshold = Metrics.percentile(normalValidationScores, percentile);
        Row row = new Row(data, method, Metrics.rocAuc(testScores, testAnomalous), BinaryScores.at(testScores, testAnomalous, threshold));
        rows.add(row);
        return row;
    }

    public Row row(String data, String method) {
        return rows.stream().filter(r -> r.data().equals(data) && r.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for data '" + data + "' and method '" + method + "'"));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** One line per detector: AUC, then precision, recall, F1 and accuracy at the validation threshold. */
    public Table table() {
        Table t = Table.create(String.format(java.util.Locale.ROOT, "anomaly detection (threshold: %.0fth percentile of normal validation scores)", percentile),
                StringColumn.create("data", rows.stream().map(Row::data).toArray(String[]::new)),
                StringColumn.create("score", rows.stream().map(Row::method).toArray(String[]::new)),
                DoubleColumn.create("AUC", rows.stream().mapToDouble(Row::auc).toArray()),
                DoubleColumn.create("precision", rows.stream().mapToDouble(r -> r.flags().precision()).toArray()),
                DoubleColumn.create("recall", rows.stream().mapToDouble(r -> r.flags().recall()).toArray()),
                DoubleColumn.create("F1", rows.stream().mapToDouble(r -> r.flags().f1()).toArray()),
                DoubleColumn.create("accuracy", rows.stream().mapToDouble(r -> r.flags().accuracy()).toArray()));
        return aekit.data.Tables.rounded(t, 3);
    }
}
