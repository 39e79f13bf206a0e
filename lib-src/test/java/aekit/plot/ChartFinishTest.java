package aekit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

class ChartFinishTest {
    @Test
    void theLegendSitsBelowThePlotAndOnlyWhenThereIsMoreThanOneSeries() {
        double[][] one = {{0, 1, 2}, {1, 2, 3}};
        XYChart single = Plots.line("t", "x", "y", Map.of("a", one));
        assertFalse(single.getStyler().isLegendVisible());
        Map<String, double[][]> two = new LinkedHashMap<>();
        two.put("a", one);
        two.put("b", one);
        XYChart both = Plots.line("t", "x", "y", two);
        assertTrue(both.getStyler().isLegendVisible());
        assertEquals(Styler.LegendPosition.OutsideS, both.getStyler().getLegendPosition());
    }

    @Test
    void equallySpacedFractionsGetAHiddenPointSoTheTicksAreRound() {
        double[] x = IntStream.range(0, 1700).mapToDouble(i -> (5800 + i) / 360.0).toArray();
        XYChart chart = Plots.line("ECG", "s", "mV", Map.of("ECG", new double[][] {x, x}));
        assertEquals(2, chart.getSeriesMap().size(), "the data and one hidden point");
        assertTrue(chart.getSeriesMap().values().stream().anyMatch(s -> !s.isShowInLegend()));
        double[] epochs = {1, 2, 3, 4, 5, 6};
        XYChart few = Plots.line("loss", "epoch", "loss", Map.of("train", new double[][] {epochs, epochs}));
        assertEquals(1, few.getSeriesMap().size(), "six whole epochs keep XChart's own ticks");
    }
}
