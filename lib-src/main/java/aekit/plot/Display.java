package aekit.plot;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.html.HtmlWriteOptions;

/**
 * What a notebook shows for the kit's objects: a chart or an image as a base64 PNG (XChart's and the
 * JDK's encoders), a table as HTML (Tablesaw's writer). The kernel start-up script registers these; they
 * hold no kernel code, so any Jupyter Java kernel can use them.
 */
public final class Display {
    private Display() {}

    public static String pngBase64(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pngBase64(RenderedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain-text stand-in that is the same on every run (the default, {@code XYChart@5f2d…}, is not). */
    public static String text(Object shown) {
        if (shown instanceof Chart) return "chart: " + ((Chart<?, ?>) shown).getTitle();
        if (shown instanceof RenderedImage) return "image " + ((RenderedImage) shown).getWidth() + "×" + ((RenderedImage) shown).getHeight();
        if (shown instanceof Table) return ((Table) shown).shape();
        return String.valueOf(shown);
    }

    /**
     * The table as an HTML {@code <table>}, at most {@code maxRows} rows (the first and last halves), its decimal
     * numbers to {@link SignificantDigits four significant digits} (the table itself keeps every digit).
     */
    public static String html(Table table, int maxRows) {
        Table shown = table.rowCount() <= maxRows ? table.copy()
                : table.first(maxRows / 2).append(table.last(maxRows - maxRows / 2));
        for (Column<?> column : shown.columns()) {
            if (column instanceof DoubleColumn || column instanceof FloatColumn) {
                ((NumericColumn<?>) column).setPrintFormatter(new SignificantDigits());
            }
        }
        StringWriter out = new StringWriter();
        shown.write().usingOptions(HtmlWriteOptions.builder(new Destination(out)).build());
        String caption = table.rowCount() <= maxRows ? table.name()
                : table.name() + " (" + maxRows + " of " + table.rowCount() + " rows shown)";
        return "<p><b>" + caption.replace("<", "&lt;") + "</b></p>" + out;
    }
}
