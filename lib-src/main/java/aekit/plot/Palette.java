package aekit.plot;

import java.awt.Color;

/**
 * The colours of a chart's runs: Tableau's ten (made to stay apart on screen and in print), then evenly spaced hues
 * for more, so no two runs of one chart share a colour. A run's train and validation curves share its colour and
 * differ by line style instead (solid and dashed).
 */
public final class Palette {
    private static final Color[] TABLEAU_10 = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
    };

    private Palette() {}

    /** The colour of the i-th run (from 0). */
    public static Color colour(int i) {
        if (i < 0) throw new IllegalArgumentException("run index must be ≥ 0, got " + i);
        if (i < TABLEAU_10.length) return TABLEAU_10[i];
        float golden = 0.618034f;   // successive hues a golden-ratio turn apart never come back to the same one
        return Color.getHSBColor((i - TABLEAU_10.length) * golden % 1f, 0.65f, 0.75f);
    }
}
