package aekit.regularizers;

/** The one check every penalty makes on its weight (λ or β): a finite number ≥ 0. */
final class Strength {
    private Strength() {}

    static double require(String who, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + " " + name + " must be a finite number ≥ 0, got " + value);
        }
        return value;
    }
}
