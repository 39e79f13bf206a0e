package aekit.eval;

import java.util.HashMap;
import java.util.Map;

/** How well clusters found without labels agree with the labels. */
public final class Clustering {
    private Clustering() {}

    /**
     * The adjusted Rand index: over all pairs of samples, how often the clustering and the labels agree on
     * "same group or not", corrected for chance. 1 is perfect agreement, about 0 is what random clusters get
     * (whatever their number), and it does not care what the clusters are called.
     *
     * <pre>
     * n_ij = samples in cluster i with label j,   a_i = Σ_j n_ij,   b_j = Σ_i n_ij,   C(m) = m(m−1)/2
     * index = Σ C(n_ij),  expected = Σ C(a_i) · Σ C(b_j) / C(N),  max = (Σ C(a_i) + Σ C(b_j)) / 2
     * ARI = (index − expected) / (max − expected)
     * </pre>
     */
    public static double adjustedRandIndex(int[] clusters, int[] labels) {
        if (clusters.length != labels.length) throw new IllegalArgumentException(clusters.length + " cluster ids but " + labels.length + " labels");
        Map<Long, Long> joint = new HashMap<>();
        Map<Integer, Long> byCluster = new HashMap<>(), byLabel = new HashMap<>();
        for (int i = 0; i < clusters.length; i++) {
            joint.merge(((long) clusters[i] << 32) ^ (labels[i] & 0xffffffffL), 1L, Long::sum);
            byCluster.merge(clusters[i], 1L, Long::sum);
            byLabel.merge(labels[i], 1L, Long::sum);
        }
        double index = joint.values().stream().mapToDouble(Clustering::pairs).sum();
        double a = byCluster.values().stream().mapToDouble(Clustering::pairs).sum();
        double b = byLabel.values().stream().mapToDouble(Clustering::pairs).sum();
        double expected = a * b / pairs(clusters.length), max = (a + b) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    /**
     * Purity: give each cluster its most common label and count the samples that carry it. Easy to read, but it
     * rises with the number of clusters (one cluster per sample scores 1), so compare equal k only.
     */
    public static double purity(int[] clusters, int[] labels) {
        Map<Integer, Map<Integer, Integer>> counts = new HashMap<>();
        for (int i = 0; i < clusters.length; i++) counts.computeIfAbsent(clusters[i], c -> new HashMap<>()).merge(labels[i], 1, Integer::sum);
        long majority = 0;
        for (Map<Integer, Integer> c : counts.values()) majority += c.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return majority / (double) clusters.length;
    }

    private static double pairs(long m) {
        return m * (m - 1) / 2.0;
    }
}
