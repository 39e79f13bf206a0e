package aekit.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of small grey images (e.g. originals over reconstructions), each row labelled on the left.
 * Every image is a row of an INDArray with values in [0, 1] (values outside are clipped).
 */
public final class ImageGrid {
    private static final int LABEL_WIDTH = 110;
    private final int width;
    private final int height;
    private final int scale;
    private final List<String> labels = new ArrayList<>();
    private final List<INDArray> rows = new ArrayList<>();

    public ImageGrid(int width, int height, int scale) {
        this.width = width;
        this.height = height;
        this.scale = scale;
    }

    /** A grid for 28×28 images, drawn at twice their size. */
    public static ImageGrid mnist() {
        return new ImageGrid(28, 28, 2);
    }

    /** Adds a row: the first {@code count} images of {@code images} ([n, width·height]). */
    public ImageGrid row(String label, INDArray images, int count) {
        if (images.columns() != (long) width * height) {
            throw new IllegalArgumentException(String.format("row '%s': images have %d values each, expected %d×%d = %d",
                    label, images.columns(), width, height, width * height));
        }
        labels.add(label);
        rows.add(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(count, images.rows())), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        return this;
    }

    /** Originals over reconstructions: the picture of what an autoencoder keeps and what it loses. */
    public static BufferedImage compare(INDArray originals, INDArray reconstructions, int count) {
        return mnist().row("original", originals, count).row("reconstructed", reconstructions, count).image();
    }

    public BufferedImage image() {
        int columns = rows.stream().mapToInt(r -> (int) r.rows()).max().orElse(0);
        int cell = width * scale + 2, cellH = height * scale + 2;
        BufferedImage img = new BufferedImage(LABEL_WIDTH + columns * cell, rows.size() * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int r = 0; r < rows.size(); r++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(labels.get(r), 4, r * cellH + cellH / 2 + 4);
            float[] v = rows.get(r).dup('c').data().asFloat();
            int n = (int) rows.get(r).rows();
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < width * height; p++) {
                    int grey = Math.round(255 * Math.max(0f, Math.min(1f, v[i * width * height + p])));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(LABEL_WIDTH + i * cell + (p % width) * scale, r * cellH + (p / width) * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return img;
    }
}
