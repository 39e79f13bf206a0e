package aekit.data;

import java.util.ArrayDeque;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A second view of a 28×28 digit: a small table of measurements, the kind a separate instrument or a form would
 * record — different in type (counts, lengths, ratios) and in scale from the 784 grey values (notebook 12, data
 * fusion). A pixel counts as ink when its grey value is above 0.5.
 *
 * <pre>
 * ink        fraction of the 784 pixels that are ink
 * height     rows between the top and bottom ink pixel (1…28)
 * width      columns between the leftmost and rightmost ink pixel
 * rowCentre  grey-weighted mean row,    colCentre  grey-weighted mean column
 * slant      Σ g·(c − c̄)(r − r̄) / Σ g·(r − r̄)²: how far the column drifts per row down the digit
 * holes      background regions the border cannot reach (4-connected): 0 for 1, 1 for 0, 2 for 8
 * rowRuns    separate ink runs along row 14,    colRuns    along column 14
 * topShare   share of the ink in rows 0–13,     leftShare  share in columns 0–13
 * </pre>
 */
public final class DigitMeasurements {
    public static final String[] COLUMNS = {"ink", "height", "width", "rowCentre", "colCentre", "slant", "holes", "rowRuns", "colRuns", "topShare", "leftShare"};
    private static final int SIDE = 28;

    private DigitMeasurements() {}

    /** One row of {@link #COLUMNS} per image of {@code images} [N, 784]. */
    public static INDArray of(INDArray images) {
        if (images.rank() != 2 || images.columns() != SIDE * SIDE) {
            throw new IllegalArgumentException("digit measurements need 28×28 images as rows [N, 784], got shape " + java.util.Arrays.toString(images.shape()));
        }
        float[] px = images.dup('c').data().asFloat();
        int n = images.rows();
        double[][] table = new double[n][];
        for (int i = 0; i < n; i++) table[i] = measure(px, i * SIDE * SIDE);
        return Nd4j.createFromArray(table).castTo(images.dataType());
    }

    private static double[] measure(float[] px, int base) {
        boolean[] ink = new boolean[SIDE * SIDE];
        int count = 0, top = SIDE, bottom = -1, left = SIDE, right = -1;
        double mass = 0, rowSum = 0, colSum = 0, topInk = 0, leftInk = 0;
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double g = px[base + r * SIDE + c];
                mass += g;
                rowSum += g * r;
                colSum += g * c;
                if (g > 0.5) {
                    ink[r * SIDE + c] = true;
                    count++;
                    top = Math.min(top, r); bottom = Math.max(bottom, r);
                    left = Math.min(left, c); right = Math.max(right, c);
                    if (r < SIDE / 2) topInk++;
                    if (c < SIDE / 2) leftInk++;
                }
            }
        }
        double rBar = mass == 0 ? SIDE / 2.0 : rowSum / mass, cBar = mass == 0 ? SIDE / 2.0 : colSum / mass;
        double cross = 0, spread = 0;
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double g = px[base + r * SIDE + c];
                cross += g * (c - cBar) * (r - rBar);
                spread += g * (r - rBar) * (r - rBar);
            }
        }
        return new double[] {
            count / (double) (SIDE * SIDE),
            count == 0 ? 0 : bottom - top + 1,
            count == 0 ? 0 : right - left + 1,
            rBar, cBar,
            spread == 0 ? 0 : cross / spread,
            holes(ink),
            runs(ink, SIDE / 2, true), runs(ink, SIDE / 2, false),
            count == 0 ? 0 : topInk / count, count == 0 ? 0 : leftInk / count,
        };
    }

    /** Flood-fills the background from the border; every background region left over is a hole. */
    private static int holes(boolean[] ink) {
        boolean[] seen = new boolean[ink.length];
        for (int i = 0; i < SIDE; i++) {
            fill(ink, seen, 0, i); fill(ink, seen, SIDE - 1, i); fill(ink, seen, i, 0); fill(ink, seen, i, SIDE - 1);
        }
        int holes = 0;
        for (int r = 0; r < SIDE; r++) for (int c = 0; c < SIDE; c++) if (!ink[r * SIDE + c] && !seen[r * SIDE + c]) { holes++; fill(ink, seen, r, c); }
        return holes;
    }

    private static void fill(boolean[] ink, boolean[] seen, int r0, int c0) {
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        todo.push(new int[] {r0, c0});
        while (!todo.isEmpty()) {
            int[] p = todo.pop();
            int r = p[0], c = p[1];
            if (r < 0 || c < 0 || r >= SIDE || c >= SIDE || ink[r * SIDE + c] || seen[r * SIDE + c]) continue;
            seen[r * SIDE + c] = true;
            todo.push(new int[] {r + 1, c}); todo.push(new int[] {r - 1, c}); todo.push(new int[] {r, c + 1}); todo.push(new int[] {r, c - 1});
        }
    }

    private static int runs(boolean[] ink, int line, boolean alongRow) {
        int runs = 0;
        boolean inside = false;
        for (int k = 0; k < SIDE; k++) {
            boolean on = alongRow ? ink[line * SIDE + k] : ink[k * SIDE + line];
            if (on && !inside) runs++;
            inside = on;
        }
        return runs;
    }
}
