package aekit.plot;

import aekit.training.History;
import java.awt.Color;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The kit's charts, drawn by XChart. In a notebook a chart as the last expression renders as a PNG. */
public final class Plots {
    private Plots() {}

    /** Training (and validation, if present) loss per epoch. */
    public static XYChart lossCurve(History history) {
        return lossCurves(Map.of("", history));
    }

    /**
     * Several runs overlaid, one colour per run, in the map's order: the way to compare optimizers or learning
     * rates. Pass a {@link java.util.LinkedHashMap} (or a {@link java.util.TreeMap}): {@code Map.of} has no fixed
     * order, and its order changes from one JVM start to the next, so a re-rendered notebook would change too.
     */
    public static XYChart lossCurves(Map<String, History> runs) {
        XYChart chart = chart("Loss per epoch", "epoch", "loss");
        chart.getStyler().setXAxisDecimalPattern("0");   // epochs are whole numbers
        int run = 0;
        for (Map.Entry<String, History> entry : runs.entrySet()) {
            History h = entry.getValue();
            double[] epochs = IntStream.rangeClosed(1, h.epochs().size()).asDoubleStream().toArray();
            String prefix = entry.getKey().isEmpty() ? "" : entry.getKey() + " ";
            Color colour = Palette.colour(run++);
            line(chart.addSeries(prefix + "train", epochs, h.trainLosses()), colour);
            if (h.hasValidation()) line(chart.addSeries(prefix + "validation", epochs, h.validationLosses()), colour).setLineStyle(DASHED);
        }
        return finish(chart);
    }

    private static final java.awt.BasicStroke DASHED =
            new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);

    /** A series drawn as a plain line in the given colour. */
    private static XYSeries line(XYSeries s, Color colour) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setFillColor(colour);
        return s;
    }

    /** A 2-D latent space: each sample's code as a point, coloured by its label. */
    public static XYChart latentScatter(INDArray codes, int[] labels, String[] classNames) {
        if (codes.columns() != 2) throw new IllegalArgumentException("latentScatter needs 2-D codes, got " + codes.columns() + " columns");
        XYChart chart = chart("Latent space", "h₁", "h₂");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double[] h1 = codes.getColumn(0).toDoubleVector(), h2 = codes.getColumn(1).toDoubleVector();
        for (int c = 0; c < classNames.length; c++) {
            final int cls = c;
            int[] idx = IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            if (idx.length == 0) continue;
            chart.addSeries(classNames[c], IntStream.of(idx).mapToDouble(i -> h1[i]).toArray(), IntStream.of(idx).mapToDouble(i -> h2[i]).toArray())
                    .setMarkerColor(Palette.colour(c));
        }
        return chart;   // its legend stays on the right: ten classes read best as a column
    }

    /** Histograms of reconstruction error for normal and anomalous samples, with the decision threshold. */
    public static XYChart errorHistogram(double[] normal, double[] anomalous, double threshold, int bins) {
        return errorHistogram(normal, anomalous, threshold, bins, Math.max(max(normal), max(anomalous)));
    }

    /**
     * As above, with the x axis ending at {@code upTo}: errors beyond it are counted in the last bin, so that one
     * far outlier does not squeeze every other sample into the first bar.
     */
    public static XYChart errorHistogram(double[] normal, double[] anomalous, double threshold, int bins, double upTo) {
        double lo = Math.min(min(normal), min(anomalous)), hi = upTo;
        if (!(hi > lo)) throw new IllegalArgumentException("the histogram must end above its smallest error " + lo + ", got " + upTo);
        double width = (hi - lo) / bins;
        XYChart chart = chart("Reconstruction error", "error", "samples");
        fill(addHistogram(chart, "normal", normal, lo, width, bins), Palette.colour(0));
        fill(addHistogram(chart, "anomalous", anomalous, lo, width, bins), Palette.colour(1));
        double top = 0;
        for (XYSeries s : chart.getSeriesMap().values()) top = Math.max(top, s.getYMax());
        XYSeries t = chart.addSeries("threshold", new double[] {threshold, threshold}, new double[] {0, top});
        t.setMarker(SeriesMarkers.NONE);
        t.setLineColor(Color.BLACK);
        return finish(chart);
    }

    /** The ROC curve with its AUC in the legend, and the diagonal of guessing. */
    public static XYChart roc(double[][] curve, double auc) {
        XYChart chart = unitSquare(chart("ROC curve", "false positive rate", "true positive rate"));
        line(chart.addSeries(String.format(java.util.Locale.ROOT, "AUC = %.3f", auc), curve[0], curve[1]), Palette.colour(0));
        XYSeries guess = chart.addSeries("guessing", new double[] {0, 1}, new double[] {0, 1});
        guess.setMarker(SeriesMarkers.NONE);
        guess.setLineColor(Color.GRAY);
        return finish(chart);
    }

    /** Several scores' ROC curves on the same labels, each with its AUC in the legend: detectors side by side. */
    public static XYChart rocs(Map<String, double[]> scores, boolean[] positive) {
        XYChart chart = unitSquare(chart("ROC curves", "false positive rate", "true positive rate"));
        for (Map.Entry<String, double[]> s : scores.entrySet()) {
            double[][] curve = aekit.eval.Metrics.rocCurve(s.getValue(), positive);
            String label = String.format(java.util.Locale.ROOT, "%s (AUC %.3f)", s.getKey(), aekit.eval.Metrics.rocAuc(s.getValue(), positive));
            line(chart.addSeries(label, curve[0], curve[1]), Palette.colour(chart.getSeriesMap().size()));
        }
        XYSeries guess = chart.addSeries("guessing", new double[] {0, 1}, new double[] {0, 1});
        guess.setMarker(SeriesMarkers.NONE);
        guess.setLineColor(Color.GRAY);
        return finish(chart);
    }

    /** A plain line chart of y against x, for anything else a chapter needs to draw. */
    public static XYChart line(String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        XYChart chart = chart(title, xLabel, yLabel);
        for (Map.Entry<String, double[][]> s : series.entrySet()) {
            line(chart.addSeries(s.getKey(), s.getValue()[0], s.getValue()[1]), Palette.colour(chart.getSeriesMap().size()));
        }
        return finish(chart);
    }

    /** An area outlined in the colour and filled with it at 60% opacity, so that two overlapping histograms both show. */
    private static void fill(XYSeries s, Color c) {
        s.setLineColor(c);
        s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 153));
    }

    private static XYSeries addHistogram(XYChart chart, String name, double[] values, double lo, double width, int bins) {
        double[] counts = new double[bins];
        for (double v : values) counts[Math.max(0, Math.min(bins - 1, (int) ((v - lo) / width)))]++;
        // drawn as a step outline: two points per bin edge
        double[] xs = new double[2 * bins], ys = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            xs[2 * b] = lo + b * width;
            xs[2 * b + 1] = lo + (b + 1) * width;
            ys[2 * b] = ys[2 * b + 1] = counts[b];
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        return s;
    }

    /** Both axes from 0 to 1 with ticks every 0.2 (left to itself, XChart may label the ticks with the data's own fractions). */
    private static XYChart unitSquare(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        return chart;
    }

    /**
     * The legend below the plot, where it cannot hide a curve (none for a single series), and round numbers on the x
     * axis. XChart labels x data that is equally spaced at data values (an ECG sampled at 360 Hz gets ticks at
     * 16.1111…, 17.2916…; 1,024 ranks at 170, 341); one hidden point between two samples breaks the spacing, and XChart then picks round ticks.
     */
    static XYChart finish(XYChart chart) {
        org.knowm.xchart.style.XYStyler styler = chart.getStyler();
        styler.setLegendVisible(chart.getSeriesMap().size() > 1);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        double[] x = chart.getSeriesMap().values().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.getXData()))
                .filter(Double::isFinite).distinct().sorted().toArray();
        double[] y = chart.getSeriesMap().values().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.getYData()))
                .filter(Double::isFinite).toArray();
        double yRange = java.util.Arrays.stream(y).max().orElse(0) - java.util.Arrays.stream(y).min().orElse(0);
        if (styler.getYAxisDecimalPattern() == null && yRange >= 0.01 && yRange < 1e6) styler.setYAxisDecimalPattern("#,##0.###");   // 0.08, not .08
        if (x.length > 2 && equallySpaced(x) && (x.length > 30 || !wholeNumbers(x))) {   // a few epochs keep their own ticks
            XYSeries breaker = chart.addSeries(" ", new double[] {(x[0] + x[1]) / 2}, new double[] {Double.NaN});
            breaker.setShowInLegend(false);
            breaker.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static boolean equallySpaced(double[] x) {
        double step = x[1] - x[0];
        for (int i = 2; i < x.length; i++) if (Math.abs(x[i] - x[i - 1] - step) > 1e-4) return false;
        return true;
    }

    private static boolean wholeNumbers(double[] x) {
        for (double v : x) if (v != Math.rint(v)) return false;
        return true;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(1);
    }
}
