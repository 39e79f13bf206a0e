package aekit.eval;

import aekit.Kit;
import aekit.activations.Softmax;
import aekit.data.Dataset;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Layer;
import aekit.layers.Sequential;
import aekit.losses.CategoricalCrossEntropy;
import aekit.optimizers.Adam;
import aekit.training.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How good are generated images? One distance alone is easy to fool: the average image is close to many real ones,
 * and a copy of a training image is closer still. This yardstick measures from both sides and asks a classifier:
 *
 * <pre>
 * sample → real    d(g) = min_r |g − r|² / D over the training images     (precision side: does each sample look real?)
 * real → sample    d(t) = min_g |t − g|² / D over the samples            (coverage side: is each held-out image near a sample?)
 * confidence       mean over samples of max_c p(c | g)                  (a softmax classifier trained on real images)
 * class entropy    −Σ_c h_c log₂ h_c,  h_c = share of samples predicted c
 * closer than new  share of samples with d(g) below the median d(t') of the held-out images t' (≈ 0.5 if as new as they are)
 * sharpness        mean edge energy E(g) = Σ (neighbouring pixels' difference)², over the held-out images' mean E(t)
 * </pre>
 *
 * The held-out images are what coverage looks for, so score exactly as many samples as there are held-out images
 * (more samples always cover more), and score real images the same way as a reference row — real images that are
 * not among the held-out ones.
 *
 * <pre>
 * GenerationYardstick yardstick = GenerationYardstick.of(train, heldOut);    // square images; trains the classifier on train
 * GenerationScore s = yardstick.score(decoder.decode(codes));               // as many codes as heldOut has rows
 * </pre>
 */
public final class GenerationYardstick {
    private final INDArray training;
    private final INDArray heldOut;
    private final Layer classifier;
    private final int side;
    private final double typicalNewDistance;
    private final double realEdgeEnergy;

    private GenerationYardstick(INDArray training, INDArray heldOut, Layer classifier, int side) {
        this.training = training;
        this.heldOut = heldOut;
        this.classifier = classifier;
        this.side = side;
        this.typicalNewDistance = Metrics.percentile(Metrics.nearestDistances(heldOut, training), 50);
        this.realEdgeEnergy = edgeEnergy(heldOut, side);
    }

    /**
     * A yardstick with its own classifier: softmax regression on the training images' pixels (Adam(1e-2), 10 epochs,
     * batches of 64, the kit's seed; about 0.91 accuracy on held-out MNIST digits).
     */
    public static GenerationYardstick of(Dataset training, INDArray heldOut) {
        return of(training.x(), heldOut, softmaxRegression(training));
    }

    /** A yardstick with a classifier of your own; it must output class probabilities (a softmax last). Square images. */
    public static GenerationYardstick of(INDArray training, INDArray heldOut, Layer classifier) {
        int side = (int) Math.round(Math.sqrt(heldOut.columns()));
        if (side * side != heldOut.columns()) {
            throw new IllegalArgumentException("the yardstick measures square images (its sharpness compares neighbouring pixels): "
                    + heldOut.columns() + " pixels is not a square");
        }
        if (training.columns() != heldOut.columns()) {
            throw new IllegalArgumentException("training images have " + training.columns() + " pixels but held-out images have " + heldOut.columns());
        }
        INDArray p = classifier.forward(heldOut, false);
        double worst = p.sum(1).subi(1).amaxNumber().doubleValue();
        if (p.minNumber().doubleValue() < 0 || worst > 1e-3) {
            throw new IllegalArgumentException("the classifier must output class probabilities (rows ≥ 0 that sum to 1): end it with a softmax; "
                    + "a row of its output sums to 1 ± " + String.format("%.3g", worst));
        }
        return new GenerationYardstick(training, heldOut, classifier, side);
    }

    /** The softmax regression {@link #of(Dataset, INDArray)} trains: 784 pixels → 10 class probabilities. */
    public static Sequential softmaxRegression(Dataset training) {
        int width = training.features(), classes = training.classNames().length;
        Sequential classifier = new Sequential("classifier", width, new Dense(width, classes, Init.GLOROT_UNIFORM, Kit.SEED),
                new ActivationLayer(new Softmax()));
        new Trainer(new CategoricalCrossEntropy(), new Adam(1e-2)).epochs(10).batchSize(64).quiet().fit(classifier, training.x(), training.oneHot());
        return classifier;
    }

    public Layer classifier() {
        return classifier;
    }

    /** How many samples {@link #score} takes: as many as there are held-out images. */
    public int sampleCount() {
        return (int) heldOut.rows();
    }

    /** The median distance from a held-out image to its nearest training image: what "as new as real" means here. */
    public double typicalNewDistance() {
        return typicalNewDistance;
    }

    public GenerationScore score(INDArray samples) {
        if (samples.rows() != heldOut.rows()) {
            throw new IllegalArgumentException(String.format(
                    "score %d samples, as many as the held-out images: got %d (coverage compares like with like; more samples always cover more)",
                    heldOut.rows(), samples.rows()));
        }
        if (samples.columns() != heldOut.columns()) {
            throw new IllegalArgumentException("samples have " + samples.columns() + " pixels but real images have " + heldOut.columns());
        }
        double[] toReal = Metrics.nearestDistances(samples, training);
        double[] toSample = Metrics.nearestDistances(heldOut, samples);
        INDArray p = classifier.forward(samples, false);
        int closer = 0;
        for (double d : toReal) if (d < typicalNewDistance) closer++;
        return new GenerationScore(Metrics.percentile(toReal, 50), Metrics.percentile(toReal, 90), Metrics.percentile(toSample, 50),
                p.max(1).meanNumber().doubleValue(), classEntropy(p.argMax(1).toIntVector(), (int) p.columns()),
                closer / (double) samples.rows(), edgeEnergy(samples, side) / realEdgeEnergy);
    }

    /**
     * The mean over images (rows, side × side pixels) of Σ (x[r][c+1] − x[r][c])² + Σ (x[r+1][c] − x[r][c])²: how much
     * neighbouring pixels differ. A blur lowers it; speckle raises it.
     */
    public static double edgeEnergy(INDArray images, int side) {
        INDArray im = images.castTo(DataType.DOUBLE).reshape(images.rows(), side, side);
        INDArray across = im.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, side))
                .sub(im.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, side - 1)));
        INDArray down = im.get(NDArrayIndex.all(), NDArrayIndex.interval(1, side), NDArrayIndex.all())
                .sub(im.get(NDArrayIndex.all(), NDArrayIndex.interval(0, side - 1), NDArrayIndex.all()));
        return (across.mul(across).sumNumber().doubleValue() + down.mul(down).sumNumber().doubleValue()) / images.rows();
    }

    /** Entropy in bits of how often each class occurs: log₂(classes) for equal shares, 0 for one class only. */
    public static double classEntropy(int[] predicted, int classes) {
        double[] count = new double[classes];
        for (int c : predicted) count[c]++;
        double bits = 0;
        for (double k : count) {
            if (k > 0) {
                double share = k / predicted.length;
                bits -= share * Math.log(share) / Math.log(2);
            }
        }
        return bits;
    }

    /** Scores every source of images, in the map's order (a LinkedHashMap keeps it). */
    public Map<String, GenerationScore> scoreEach(Map<String, INDArray> sources) {
        Map<String, GenerationScore> scores = new LinkedHashMap<>();
        for (var e : sources.entrySet()) scores.put(e.getKey(), score(e.getValue()));
        return scores;
    }

    /** One row per source: every number of {@link GenerationScore}. */
    public static Table table(String title, Map<String, GenerationScore> scores) {
        StringColumn name = StringColumn.create("images");
        DoubleColumn toReal = DoubleColumn.create("sample → nearest training image, median");
        DoubleColumn tail = DoubleColumn.create("… 90th percentile");
        DoubleColumn toSample = DoubleColumn.create("held-out image → nearest sample, median");
        DoubleColumn confidence = DoubleColumn.create("classifier confidence");
        DoubleColumn entropy = DoubleColumn.create("class entropy (bits)");
        DoubleColumn closer = DoubleColumn.create("share closer than a new image");
        DoubleColumn sharpness = DoubleColumn.create("sharpness (real = 1)");
        for (var e : scores.entrySet()) {
            GenerationScore s = e.getValue();
            name.append(e.getKey());
            toReal.append(s.sampleToReal());
            tail.append(s.sampleToRealTail());
            toSample.append(s.realToSample());
            confidence.append(s.confidence());
            entropy.append(s.classEntropy());
            closer.append(s.closerThanNew());
            sharpness.append(s.sharpness());
        }
        return Table.create(title, name, toReal, tail, toSample, confidence, entropy, closer, sharpness);
    }
}
