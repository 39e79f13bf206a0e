package aekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.layers.Dense;
import aekit.layers.Param;
import aekit.model.Autoencoder;
import aekit.optimizers.Adam;
import aekit.training.ParameterVector;
import aekit.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trainer's speed-ups (flat parameters, skipped input gradient, 1ᵀ·dy bias sums) leave the numbers as they were. */
class FastPathTest {
    @Test
    void parametersBecomeViewsOfOneVectorAndKeepTheirValues() {
        Autoencoder model = Autoencoder.dense(12, 6, 3);
        List<INDArray> before = new ArrayList<>();
        for (Param p : model.params()) before.add(p.value.dup());
        ParameterVector flat = ParameterVector.of(model.params());

        long total = model.params().stream().mapToLong(Param::size).sum();
        assertEquals(total, flat.all.value.length());
        for (int i = 0; i < before.size(); i++) assertEquals(before.get(i), model.params().get(i).value);
        flat.all.value.addi(1);                                    // a write through θ reaches every layer
        assertEquals(before.get(0).add(1), model.params().get(0).value);
        assertTrue(flat.holds(model.params()));
        model.castTo(DataType.DOUBLE);                             // casting moves the parameters out
        assertFalse(flat.holds(model.params()));
    }

    @Test
    void adamOnTheFlatVectorEqualsAdamPerParameter() {
        INDArray x = Fixtures.unitInterval(64, 12, 3);
        Autoencoder byTrainer = Autoencoder.dense(12, 6, 3), byHand = Autoencoder.dense(12, 6, 3);
        new Trainer(new aekit.losses.BinaryCrossEntropy(), new Adam(1e-2)).epochs(1).batchSize(64).quiet().fit(byTrainer, x);

        Adam adam = new Adam(1e-2);                                // the same single step, parameter by parameter
        aekit.losses.BinaryCrossEntropy bce = new aekit.losses.BinaryCrossEntropy();
        for (Param p : byHand.params()) p.zeroGrad();
        INDArray prediction = byHand.forward(x, true);
        byHand.backward(bce.gradient(prediction, x));
        adam.step(byHand.params());

        for (int i = 0; i < byHand.params().size(); i++) {
            double diff = byHand.params().get(i).value.sub(byTrainer.params().get(i).value).amaxNumber().doubleValue();
            assertTrue(diff < 1e-6, byHand.params().get(i).name + " differs by " + diff);
        }
    }

    @Test
    void skippingTheInputGradientLeavesTheWeightGradientsAlone() {
        Dense a = new Dense(5, 4), b = new Dense(5, 4);
        INDArray x = Fixtures.unitInterval(7, 5, 1), dy = Fixtures.unitInterval(7, 4, 2);
        a.forward(x, true);
        b.forward(x, true);
        INDArray dx = a.backward(dy);
        assertNull(b.backward(dy, false));
        assertEquals(a.W.grad, b.W.grad);
        assertEquals(a.b.grad, b.b.grad);
        assertEquals(7, dx.rows());
        // db = 1ᵀ·dy is the column sum of dy
        assertTrue(a.b.grad.sub(dy.sum(true, 0)).amaxNumber().doubleValue() < 1e-6);
    }
}
