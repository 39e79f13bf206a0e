package aekit.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    @Test
    void aWrittenHistoryReadsBackDigitForDigit(@TempDir Path dir) {
        History h = new History();
        h.add(new EpochRecord(1, 0.26068123456789, 0.2412345678901234, 12.5));
        h.add(new EpochRecord(2, 0.1987654321, 0.19083, 4.25));
        h.write(dir.resolve("h.csv"));
        History back = History.read(dir.resolve("h.csv"));
        assertEquals(2, back.epochs().size());
        for (int i = 0; i < 2; i++) assertEquals(h.epochs().get(i), back.epochs().get(i), "epoch " + (i + 1));
        assertTrue(back.hasValidation());
    }

    @Test
    void aHistoryWithoutValidationReadsBackWithout(@TempDir Path dir) {
        History h = new History();
        h.add(new EpochRecord(1, 0.3, Double.NaN, 1.0));
        h.write(dir.resolve("h.csv"));
        History back = History.read(dir.resolve("h.csv"));
        assertFalse(back.hasValidation());
        assertEquals(0.3, back.finalTrainLoss());
    }
}
