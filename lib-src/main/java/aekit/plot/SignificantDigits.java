package aekit.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How a table shows a decimal number: four significant digits (0.16974785414642218 → 0.1697), scientific notation
 * when that would hide it (0.000000000008660931404444749 → 8.661e-12), and whole numbers in full (205840.0 → 205840).
 * Only the display rounds; the column keeps every digit.
 */
public final class SignificantDigits extends NumberColumnFormatter {
    static final int DIGITS = 4;

    @Override
    public String format(double v) {
        if (Double.isNaN(v)) return getMissingString();
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        double size = Math.abs(v);
        if (size >= 1e-3 && size < 1e7) {
            return new BigDecimal(v).round(new MathContext(DIGITS)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v);
    }

    @Override
    public String format(float v) {
        return format((double) v);
    }
}
