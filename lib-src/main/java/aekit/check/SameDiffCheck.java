package aekit.check;

import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.layers.SameDiffGraph;
import aekit.losses.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rebuilds a model in ND4J's own automatic differentiation (SameDiff) with the same weights, and compares
 * its gradients with the ones our hand-written backward passes compute. Two independent derivations of
 * the same numbers: if they agree, the chain rule was written out correctly.
 *
 * <p>Every layer, activation and loss declares its own SameDiff equivalent ({@link Layer#sameDiff},
 * {@code Activation.sameDiff}, {@link Loss#sameDiff}): all of the kit's do, except the losses that count only some
 * entries or split the columns ({@code MaskedLoss}, {@code TwoViewLoss}); one without says so, naming itself. A code
 * penalty is not rebuilt: an autoencoder with one does not agree.
 */
public final class SameDiffCheck {
    private SameDiffCheck() {}

    public static GradientReport check(Layer model, Loss loss, INDArray x, INDArray target) {
        return Precision.inDouble(model, () -> {
            INDArray xd = x.castTo(DataType.DOUBLE);
            INDArray td = target.castTo(DataType.DOUBLE);
            List<Param> params = model.params();

            // Ours: forward, loss gradient, backward.
            for (Param p : params) p.zeroGrad();
            INDArray prediction = model.forward(xd, false);
            double ourLoss = loss.value(prediction, td) + model.penaltyValue();
            model.backward(loss.gradient(prediction, td));

            // SameDiff's: the same graph, each layer's and the loss's own SameDiff equivalent, differentiated automatically.
            SameDiff sd = SameDiff.create();
            SameDiffGraph graph = new SameDiffGraph(sd, params);
            SDVariable out = model.sameDiff(graph, sd.constant("x", xd));
            SDVariable l = loss.sameDiff(sd, out, sd.constant("target", td));
            for (SDVariable term : graph.lossTerms()) l = l.add(term);                 // a VAE's KL term
            sd.setLossVariables(l);
            Map<String, INDArray> grads = quietly(() -> sd.calculateGradients(Map.of(), graph.variableNames()));
            double theirLoss = l.eval().getDouble(0);

            List<GradientReport.Row> rows = new ArrayList<>();
            rows.add(new GradientReport.Row("loss value", 1, relative(ourLoss, theirLoss)));
            for (int i = 0; i < params.size(); i++) {
                INDArray ours = params.get(i).grad, theirs = grads.get("p" + i);
                double diff = ours.sub(theirs).amaxNumber().doubleValue();
                double scale = Math.max(ours.amaxNumber().doubleValue() + theirs.amaxNumber().doubleValue(), 1e-10);
                rows.add(new GradientReport.Row(params.get(i).name, (int) ours.length(), diff / scale));
            }
            return new GradientReport("SameDiff autodiff", rows);
        });
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(a) + Math.abs(b), 1e-10);
    }

    /** SameDiff prints a line per op to standard output while it builds the backward graph; a notebook needs none of it. */
    private static <T> T quietly(java.util.function.Supplier<T> work) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return work.get();
        } finally {
            System.setOut(out);
        }
    }
}
