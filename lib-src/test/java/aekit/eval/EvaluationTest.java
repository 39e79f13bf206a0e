package aekit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.check.GradientCheck;
import aekit.data.Dataset;
import aekit.eval.Scorecard;
import aekit.layers.ActivationLayer;
import aekit.layers.Dense;
import aekit.layers.Init;
import aekit.layers.Sequential;
import aekit.activations.Sigmoid;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.Loss;
import aekit.losses.MaskedLoss;
import aekit.losses.MeanAbsoluteError;
import aekit.losses.MeanSquaredError;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.training.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** Chapter 17: the masked loss for missing entries, and the scorecard. */
class EvaluationTest {
    static INDArray withGaps(INDArray x) {
        INDArray t = x.dup();
        for (int i = 0; i < t.length(); i += 3) t.putScalar(i, Double.NaN);     // every third entry missing
        return t;
    }

    @Test
    void withoutMissingEntriesTheMaskedLossIsTheLossItself() {
        INDArray p = Fixtures.unitInterval(4, 5, 1), t = Fixtures.unitInterval(4, 5, 2);
        for (Loss inner : List.of(new MeanSquaredError(), new MeanAbsoluteError(), new BinaryCrossEntropy())) {
            MaskedLoss masked = new MaskedLoss(inner);
            assertEquals(inner.value(p, t), masked.value(p, t), 1e-6, inner.name());
            assertTrue(inner.gradient(p, t).equalsWithEps(masked.gradient(p, t), 1e-6), inner.name());
            assertTrue(inner.perSample(p, t).equalsWithEps(masked.perSample(p, t), 1e-6), inner.name());
        }
    }

    @Test
    void missingEntriesAddNothingAndGetNoGradient() {
        INDArray p = Fixtures.unitInterval(4, 6, 1), t = withGaps(Fixtures.unitInterval(4, 6, 2));
        MaskedLoss masked = new MaskedLoss(new MeanSquaredError());
        double sum = 0;
        int count = 0;
        for (int i = 0; i < t.length(); i++) {
            double ti = t.getDouble(i);
            if (Double.isNaN(ti)) continue;
            sum += Math.pow(p.getDouble(i) - ti, 2);
            count++;
        }
        assertEquals(sum / count, masked.value(p, t), 1e-6);
        INDArray g = masked.gradient(p, t);
        for (int i = 0; i < t.length(); i += 3) assertEquals(0.0, g.getDouble(i), 0.0);
        INDArray moved = p.dup();
        for (int i = 0; i < t.length(); i += 3) moved.putScalar(i, 0.5);                 // change only what is missing
        assertEquals(masked.value(p, t), masked.value(moved, t), 1e-12);
    }

    @Test
    void theMaskedLossPassesTheGradientCheck() {
        Sequential net = new Sequential("net", 6, new Dense(6, 4, Init.GLOROT_UNIFORM, 1), new ActivationLayer(new Sigmoid()),
                new Dense(4, 6, Init.GLOROT_UNIFORM, 2), new ActivationLayer(new Sigmoid()));
        INDArray x = Fixtures.unitInterval(5, 6, 3);
        var report = GradientCheck.check(net, new MaskedLoss(new BinaryCrossEntropy()), null, x, withGaps(x), Integer.MAX_VALUE);
        assertTrue(report.passed(1e-6), report.toString());
    }

    @Test
    void theTrainerTakesNanTargetsOnlyWithAMaskedLoss() {
        INDArray x = Fixtures.unitInterval(64, 6, 4), gaps = withGaps(x);
        Autoencoder ae = Autoencoder.dense(6, 3);
        var plain = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new BinaryCrossEntropy(), new Adam(1e-2)).epochs(1).quiet().fit(ae, x, gaps));
        assertTrue(plain.getMessage().contains("MaskedLoss"), plain.getMessage());
        var inputs = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new MaskedLoss(new BinaryCrossEntropy()), new Adam(1e-2)).epochs(1).quiet().fit(ae, gaps, gaps));
        assertTrue(inputs.getMessage().contains("inputs"), inputs.getMessage());
        var h = new Trainer(new MaskedLoss(new BinaryCrossEntropy()), new Adam(1e-2)).epochs(30).batchSize(16).quiet().fit(ae, x, gaps);
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss(), "the masked loss falls");
        assertThrows(IllegalArgumentException.class, () -> new MaskedLoss(new MeanSquaredError()).value(x, Nd4j.valueArrayOf(x.shape(), Double.NaN, x.dataType())));
    }

    @Test
    void theScorecardScoresModelsAndBaselines() {
        INDArray x = Fixtures.unitInterval(60, 6, 5);
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) labels[i] = i % 2;
        Dataset data = new Dataset("toy", x, labels, new String[] {"a", "b"});
        Dataset train = data.slice(0, 40), test = data.slice(40, 60);
        INDArray anomalies = Nd4j.ones(x.dataType(), 10, 6);
        Autoencoder ae = Autoencoder.dense(6, 3);
        INDArray mean = train.x().mean(true, 0);
        Table t = new Scorecard(train, test, anomalies, 20)
                .add("mean image", null, z -> Nd4j.ones(z.dataType(), z.rows(), 1).mmul(mean), 0)
                .add("autoencoder", ae::encode, ae::reconstruct, ae.parameterCount()).table();
        assertEquals(2, t.rowCount());
        assertTrue(t.doubleColumn("kNN accuracy").isMissing(0), "a baseline without a code has no feature scores");
        assertEquals(3, t.intColumn("code size").get(1));
        double auc = t.doubleColumn("anomaly AUC").get(1);
        assertTrue(auc >= 0 && auc <= 1);
        assertTrue(t.doubleColumn("BCE p99").get(1) >= t.doubleColumn("BCE p90").get(1));
    }
}
