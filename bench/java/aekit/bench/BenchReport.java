package aekit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Turns the benchmark's raw rows into bench/results/README.md (the table, the targets of issue #5 checked
 * against the numbers) and seconds-per-epoch.png, and keeps the raw CSV beside them.
 *
 * <pre>BenchReport RESULTS.csv MACHINE.txt OUTDIR</pre>
 */
public final class BenchReport {
    /**
     * "aekit" is the kit as set up (OpenBLAS on every core); "aekit-1-thread" the same run with everything on one
     * thread. The peers follow, each configuration at each thread setting ("torch-fused 2t"), in name order.
     */
    static final String[] ORDER = {"aekit", "aekit-1-thread", "dl4j", "keras", "torch"};

    private BenchReport() {}

    public static void main(String[] args) throws IOException {
        Path csv = Paths.get(args[0]), machine = Paths.get(args[1]), out = Paths.get(args[2]);
        Files.createDirectories(out);
        Table rows = read(csv);
        Files.copy(csv, out.resolve("results.csv"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(machine, out.resolve("machine.txt"), StandardCopyOption.REPLACE_EXISTING);

        List<Summary> summaries = summaries(rows);
        String report = markdown(summaries, Ceiling.of(rows, true), Ceiling.of(rows, false), Files.readString(machine, StandardCharsets.UTF_8), rows);
        Files.writeString(out.resolve("README.md"), report, StandardCharsets.UTF_8);
        BitmapEncoder.saveBitmap(chart(summaries), out.resolve("seconds-per-epoch").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println(report);
    }

    /** The raw rows (Bench.COLUMNS), each column with its type. */
    static Table read(Path csv) {
        return Table.read().usingOptions(CsvReadOptions.builder(csv.toFile())
                .columnTypesPartial(name -> switch (name) {
                    case "implementation", "model", "version", "epoch_seconds" -> java.util.Optional.of(ColumnType.STRING);
                    case "seed", "train_images", "epochs" -> java.util.Optional.of(ColumnType.INTEGER);
                    default -> java.util.Optional.of(ColumnType.DOUBLE);
                }));
    }

    /** One summary per model and implementation, in the report's order. */
    static List<Summary> summaries(Table rows) {
        List<Summary> summaries = new ArrayList<>();
        for (String model : models(rows)) {
            for (String impl : implementations(rows)) {
                Table t = rows.where(rows.stringColumn("implementation").isEqualTo(impl).and(rows.stringColumn("model").isEqualTo(model)));
                if (t.rowCount() > 0) summaries.add(new Summary(impl, model, t));
            }
        }
        return summaries;
    }

    /** Every implementation in the rows: ORDER's first, then the peers' other configurations in name order. */
    static List<String> implementations(Table rows) {
        List<String> found = rows.stringColumn("implementation").unique().asList().stream().filter(i -> !i.equals("sgemm")).sorted().toList();
        List<String> ordered = new ArrayList<>(java.util.Arrays.stream(ORDER).filter(found::contains).toList());
        for (String impl : found) if (!ordered.contains(impl)) ordered.add(impl);
        return ordered;
    }

    /** A peer configuration without its thread setting: "torch-fused 2t" → "torch-fused". */
    static String configuration(String impl) {
        return impl.replaceAll(" \\d+t$", "");
    }

    /** Each peer configuration at its fastest thread setting on the model, fastest first (aekit's own rows left out). */
    static List<Summary> peersAtTheirBest(List<Summary> all, String model) {
        java.util.Map<String, Summary> best = new java.util.LinkedHashMap<>();
        for (Summary s : all) {
            if (!s.model.equals(model) || s.impl.startsWith("aekit")) continue;
            best.merge(configuration(s.impl), s, (a, b) -> a.seconds <= b.seconds ? a : b);
        }
        return best.values().stream().sorted(java.util.Comparator.comparingDouble(Summary::seconds)).toList();
    }

    /** The models in the rows, in the order they first appear (A, B for the dense run; conv for `bench --conv`). */
    static List<String> models(Table rows) {
        List<String> models = new ArrayList<>();
        for (int i = 0; i < rows.rowCount(); i++) {
            String m = rows.stringColumn("model").get(i);
            if (!rows.stringColumn("implementation").get(i).equals("sgemm") && !models.contains(m)) models.add(m);   // sgemm rows: the ceiling
        }
        return models;
    }

    /** One implementation on one model: medians over the seeds. */
    record Summary(String impl, String model, int seeds, int images, int epochs, double seconds, double fastest, double slowest,
                   double gflops, double testBce, double peakRssMb, String version) {
        Summary(String impl, String model, Table t) {
            this(impl, model, t.rowCount(), t.intColumn("train_images").get(0), t.intColumn("epochs").get(0),
                    median(t.doubleColumn("median_s").asDoubleArray()), t.doubleColumn("min_s").min(), t.doubleColumn("max_s").max(),
                    median(t.doubleColumn("gflops").asDoubleArray()), median(t.doubleColumn("test_bce").asDoubleArray()),
                    t.doubleColumn("peak_rss_mb").max(), t.stringColumn("version").get(0));
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static Summary find(List<Summary> all, String impl, String model) {
        return all.stream().filter(s -> s.impl.equals(impl) && s.model.equals(model)).findFirst().orElse(null);
    }

    /**
     * ND4J's sgemm rate on one thread or on every core: the median of the run's measurements (the command takes one
     * before each model and seed). On a shared VM one measurement can be a third off, and every share of it with it
     * (2026-12-02: 84.3 GFLOP/s on two threads in one minute, 126–151 within the same hour).
     */
    record Ceiling(double median, double min, double max, int count) {
        static Ceiling of(Table rows, boolean oneThread) {
            double[] all = rowsOf(rows, oneThread);
            if (all.length == 0 && !oneThread) all = rowsOf(rows, true);   // a one-core machine: every core is one thread
            if (all.length == 0) {
                throw new IllegalArgumentException("the results hold no sgemm row " + (oneThread ? "on one thread" : "on every core")
                        + ": run the whole benchmark, `python3 kit.py bench`, which measures the ceiling first");
            }
            Arrays.sort(all);
            return new Ceiling(BenchReport.median(all), all[0], all[all.length - 1], all.length);
        }

        private static double[] rowsOf(Table rows, boolean oneThread) {
            return java.util.stream.IntStream.range(0, rows.rowCount())
                    .filter(i -> rows.stringColumn("implementation").get(i).equals("sgemm")
                            && rows.stringColumn("version").get(i).contains("(BLAS threads: 1)") == oneThread)
                    .mapToDouble(i -> rows.doubleColumn("gflops").get(i)).toArray();
        }

        /** "126.2", or "126.2 (median of 6: 84.3–150.7)". */
        String describe() {
            return count == 1 ? String.format(Locale.ROOT, "%.1f", median)
                              : String.format(Locale.ROOT, "%.1f (median of %d: %.1f–%.1f)", median, count, min, max);
        }

        /** "47%", or "47% (39–70% against the fastest and the slowest measurement)". */
        String share(double gflops) {
            String median = String.format(Locale.ROOT, "%.0f%%", 100 * gflops / this.median);
            return count == 1 ? median : String.format(Locale.ROOT, "%s (%.0f–%.0f%% against the fastest and the slowest measurement)",
                    median, 100 * gflops / max, 100 * gflops / min);
        }
    }

    static String markdown(List<Summary> all, Ceiling ceiling1, Ceiling ceilingAll, String machine, Table rows) {
        StringBuilder md = new StringBuilder();
        Summary any = all.get(0);
        boolean conv = any.model.equals("conv"), vae = any.model.equals("vae");
        md.append(conv ? "# Benchmark: the convolutional autoencoder, aekit against Keras and PyTorch\n\n"
                  : vae ? "# Benchmark: the variational autoencoder, aekit against Keras and PyTorch\n\n" : "# Benchmark: aekit against DL4J, Keras and PyTorch\n\n")
          .append("Written by `python3 kit.py bench` on ").append(LocalDate.now()).append(". Raw rows: [`results.csv`](results.csv) ")
          .append("(every epoch's time is in the last column); the machine: [`machine.txt`](machine.txt).\n\n")
          .append("Each implementation trains the same autoencoder on the same float32 arrays, batch ").append(Bench.batchSize(any.model)).append(", Adam(1e-3), binary ")
          .append("cross-entropy, for ").append(any.epochs).append(" epochs per run and ").append(any.seeds).append(" seeds. ")
          .append("Seconds per epoch: the median over seeds of each run's median epoch after a warm-up epoch; min and max over all ")
          .append("timed epochs. ").append(vae ? "Test −ELBO: the negative evidence lower bound per test image in nats, "
                  + "Σ_pixels BCE(decoder(μ + σ·ε), x) + KL(N(μ, σ²) ‖ N(0, I)), one ε per image, "
                  + "after the last epoch" : "Test BCE: the median over seeds after the last epoch").append(". GFLOP/s counts 6·N·W per epoch ")
          .append("(forward 2·N·W, backward 4·N·W, W = multiply-adds per image: the weights of a dense model, Σ Ho·Wo·F·C·k·k of a convolutional one).\n\n")
          .append(vae ? "- model vae: the Keras example's variational autoencoder, 784 → 512 → (μ, log σ²) in 2-D → 512 → 784, "
                  + "loss = 784 × mean BCE + KL, " + Bench.multiplyAdds("vae") + " multiply-adds per image (`VariationalAutoencoder.dense(784, 512, 2)`)\n\n"
                  : conv ? "- model conv: the Keras blog's convolutional autoencoder, 1×28×28 → 8×4×4 → 1×28×28, 4,385 parameters, "
                  + Bench.multiplyAdds("conv") + " multiply-adds per image (`Autoencoder.convolutional`)\n\n"
                  : "- model A: 784-128-32-128-784\n- model B: 784-64-32-16-32-64-784 (seed 001 §5.2's Keras model)\n\n")
          .append("```\n").append(machine.strip()).append("\n```\n\n")
          .append(String.format(Locale.ROOT, "ND4J sgemm 2048×2048 ceiling, measured before each model and seed: **%s GFLOP/s on one thread** (what "
                  + "`aekit-1-thread` is measured against), **%s on all cores** (everyone else: aekit and DL4J give OpenBLAS every core, Keras and "
                  + "PyTorch use every core). The shares below are of the medians.%n%n", ceiling1.describe(), ceilingAll.describe()))
          .append("| model | implementation | s/epoch (median) | min–max | × aekit | GFLOP/s | % of sgemm ceiling | test BCE | peak RSS MB | version |\n".replace("test BCE", Bench.testMetric(any.model)))
          .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Summary s : all) {
            Summary aekit = find(all, "aekit", s.model);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f–%.3f | %.2f | %.1f | %.0f%% | %.4f | %.0f | %s |%n",
                    s.model, s.impl, s.seconds, s.fastest, s.slowest, aekit == null ? Double.NaN : s.seconds / aekit.seconds,
                    s.gflops, 100 * s.gflops / (s.impl.equals("aekit-1-thread") ? ceiling1 : ceilingAll).median, s.testBce, s.peakRssMb, s.version));
        }
        md.append("\n`× aekit` is that implementation's seconds per epoch divided by aekit's: above 1 means aekit is faster.\n\n")
          .append("![seconds per epoch](seconds-per-epoch.png)\n\n## The targets\n\n");
        for (String model : models(rows)) {
            Summary a = find(all, "aekit", model), a1 = find(all, "aekit-1-thread", model);
            List<Summary> peers = peersAtTheirBest(all, model);
            if (a == null || peers.isEmpty()) continue;
            Summary fastest = peers.get(0);
            double ratio = a.seconds / fastest.seconds;
            md.append(String.format(Locale.ROOT, "- model %s, aekit / the fastest peer (%s) seconds per epoch = %.2f (target ≤ 1, stretch ≤ 0.8): **%s**%n",
                    model, fastest.impl, ratio, ratio <= 0.8 ? "met, stretch too" : ratio <= 1 ? "met" : "not met"));
            for (Summary p : peers.subList(1, peers.size())) {
                md.append(String.format(Locale.ROOT, "  - against %s at its best (%s): %.2f%n", configuration(p.impl), p.impl, a.seconds / p.seconds));
            }
            if (a1 != null) {
                md.append(String.format(Locale.ROOT, "- model %s on every core against one thread: %.3f against %.3f s per epoch (target: no slower): **%s**%n",
                        model, a.seconds, a1.seconds, a.seconds <= a1.seconds ? "met" : "not met"));
            }
        }
        Summary a = find(all, "aekit", "A"), a1 = find(all, "aekit-1-thread", "A");
        if (a != null) {
            md.append(String.format(Locale.ROOT, "- model A at %s of the all-core sgemm ceiling, as set up (target ≥ 65%%): **%s**%n",
                    ceilingAll.share(a.gflops), a.gflops >= 0.65 * ceilingAll.median ? "met" : "not met"));
        }
        if (a1 != null) {
            md.append(String.format(Locale.ROOT, "- model A on one thread at %s of the one-thread sgemm ceiling: for comparison%n", ceiling1.share(a1.gflops)));
        }
        String parityModel = conv || vae ? any.model : "B";
        Summary ab = find(all, "aekit", parityModel), kb = keras(all, parityModel);
        if (ab != null && kb != null) {
            double gap = Math.abs(ab.testBce - kb.testBce) / kb.testBce;
            md.append(String.format(Locale.ROOT, "- parity, model %s " + Bench.testMetric(parityModel) + " after %d epochs: aekit %.4f, Keras %.4f, %.1f%% apart (target ≤ 3%%): **%s**%n",
                    ab.model, ab.epochs, ab.testBce, kb.testBce, 100 * gap, gap <= 0.03 ? "met" : "not met"));
        }
        return md.toString();
    }

    /** Keras as the seeds write it, at its best thread setting (plain "keras" when the run did not vary threads). */
    static Summary keras(List<Summary> all, String model) {
        return peersAtTheirBest(all, model).stream().filter(s -> configuration(s.impl).equals("keras")).findFirst().orElse(null);
    }

    /** Seconds per epoch as bars, one colour per implementation (the table has the ranges). */
    static CategoryChart chart(List<Summary> all) {
        List<String> modelNames = all.stream().map(Summary::model).distinct().toList();
        CategoryChart chart = new CategoryChartBuilder().width(860).height(420).title("Seconds per training epoch (lower is faster)")
                .xAxisTitle("model").yAxisTitle("seconds per epoch").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> shown = new ArrayList<>(List.of("aekit", "aekit-1-thread", "dl4j"));   // and each peer at its best
        for (String model : modelNames) for (Summary p : peersAtTheirBest(all, model)) if (!shown.contains(p.impl)) shown.add(p.impl);
        for (String impl : shown) {
            List<String> models = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            for (String model : modelNames) {
                Summary s = find(all, impl, model);
                if (s == null) continue;
                models.add("model " + model);
                seconds.add(s.seconds);
            }
            int colour = chart.getSeriesMap().size();
            if (!models.isEmpty()) chart.addSeries(impl, models, seconds).setFillColor(aekit.plot.Palette.colour(colour));
        }
        return chart;
    }
}
