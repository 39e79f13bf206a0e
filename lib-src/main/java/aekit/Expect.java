package aekit;

import java.util.Locale;

/**
 * The checks a notebook makes about what it teaches. Each prints one line with a tick when it holds
 * and throws {@link AssertionError} when it does not, so running the notebook fails loudly.
 */
public final class Expect {
    private Expect() {}

    /** Passes when {@code value < limit}. */
    public static void below(String what, double value, double limit) {
        check(what, value, value < limit, "<", limit);
    }

    /** Passes when {@code value > limit}. */
    public static void above(String what, double value, double limit) {
        check(what, value, value > limit, ">", limit);
    }

    /** Passes when {@code |value - expected| <= tolerance}. */
    public static void near(String what, double value, double expected, double tolerance) {
        boolean ok = Math.abs(value - expected) <= tolerance;
        String rule = String.format(Locale.ROOT, "≈ %s ± %s", fmt(expected), fmt(tolerance));
        report(what, value, ok, rule);
    }

    /** Passes when {@code condition} holds. */
    public static void that(String what, boolean condition) {
        if (!condition) throw new AssertionError("✗ " + what);
        System.out.println("✓ " + what);
    }

    private static void check(String what, double value, boolean ok, String op, double limit) {
        report(what, value, ok, op + " " + fmt(limit));
    }

    private static void report(String what, double value, boolean ok, String rule) {
        String line = what + " = " + fmt(value) + " " + rule;
        if (!ok || Double.isNaN(value)) throw new AssertionError("✗ " + line + " does not hold");
        System.out.println("✓ " + line);
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (v == 0 || (a >= 1e-3 && a < 1e5)) return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
