package aekit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.model.Autoencoder;
import aekit.plot.Display;
import aekit.plot.Palette;
import aekit.plot.Plots;
import aekit.plot.SignificantDigits;
import aekit.training.History;
import aekit.training.Trainer;
import java.awt.Color;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Charts whose runs can be told apart, and tables whose numbers can be read (issue 16, item 5). */
class ChartsAndTablesTest {

    @Test
    void eachRunHasItsOwnColourAndItsTwoCurvesShareIt() {
        INDArray x = Fixtures.unitInterval(16, 6, 1);
        Map<String, History> runs = new LinkedHashMap<>();
        for (int r = 0; r < 12; r++) {   // more runs than Tableau's ten colours
            runs.put("run " + r, Trainer.defaults().epochs(2).quiet().validation(x).fit(Autoencoder.dense(6, 3), x));
        }
        XYChart chart = Plots.lossCurves(runs);
        Set<Color> seen = new HashSet<>();
        for (String run : runs.keySet()) {
            XYSeries train = chart.getSeriesMap().get(run + " train"), validation = chart.getSeriesMap().get(run + " validation");
            assertEquals(train.getLineColor(), validation.getLineColor(), run + ": train and validation share a colour");
            assertNotEquals(train.getLineStyle(), validation.getLineStyle(), run + ": solid against dashed");
            assertTrue(seen.add(train.getLineColor()), run + " has a colour of its own");
        }
        assertEquals("0", chart.getStyler().getXAxisDecimalPattern(), "epochs are labelled as whole numbers");
    }

    @Test
    void thePaletteNeverRepeatsWithinAChart() {
        Set<Color> colours = new HashSet<>();
        for (int i = 0; i < 40; i++) colours.add(Palette.colour(i));
        assertEquals(40, colours.size());
    }

    @Test
    void decimalsShowFourSignificantDigitsAndWholeNumbersInFull() {
        SignificantDigits f = new SignificantDigits();
        assertEquals("0.1697", f.format(0.16974785414642218));
        assertEquals("8.661e-12", f.format(0.000000000008660931404444749));
        assertEquals("205840", f.format(205840.0));
        assertEquals("3", f.format(3.0));
        assertEquals("1235", f.format(1234.5678));
        assertEquals("-0.0025", f.format(-0.0025));
        assertEquals("1.235e+07", f.format(12345678.9));
    }

    @Test
    void tablesRenderRoundedButKeepEveryDigit() {
        Table t = Table.create("losses", DoubleColumn.create("BCE", 0.16974785414642218, 0.000000000008660931404444749));
        String html = Display.html(t, 10);
        assertTrue(html.contains("0.1697") && html.contains("8.661e-12"), html);
        assertFalse(html.contains("0.16974785"), html);
        assertEquals(0.16974785414642218, t.doubleColumn("BCE").get(0), "the table itself is unchanged");
    }
}
