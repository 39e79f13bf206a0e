package aekit.check;

import aekit.activations.Activation;
import aekit.activations.Identity;
import aekit.activations.LeakyReLU;
import aekit.activations.ReLU;
import aekit.activations.Sigmoid;
import aekit.activations.Softmax;
import aekit.activations.Tanh;
import aekit.layers.ActivationLayer;
import aekit.layers.Conv2D;
import aekit.layers.MaxPool2D;
import aekit.layers.Upsample2D;
import aekit.layers.Dense;
import aekit.layers.Dropout;
import aekit.layers.Layer;
import aekit.layers.Param;
import aekit.layers.Sequential;
import aekit.layers.TiedDense;
import aekit.losses.BinaryCrossEntropy;
import aekit.losses.CategoricalCrossEntropy;
import aekit.losses.Loss;
import aekit.losses.MeanAbsoluteError;
import aekit.losses.MeanSquaredError;
import aekit.layers.MeanAndLogVariance;
import aekit.model.Autoencoder;
import aekit.model.VariationalAutoencoder;
import org.nd4j.autodiff.samediff.SDIndex;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rebuilds a model in ND4J's own automatic differentiation (SameDiff) with the same weights, and compares
 * its gradients with the ones our hand-written backward passes compute. Two independent derivations of
 * the same numbers: if they agree, the chain rule was written out correctly.
 *
 * <p>Supports Dense, TiedDense, Conv2D, MaxPool2D, Upsample2D, activation and Dropout (inference: identity) layers, Sequential and
 * Autoencoder models without code penalties, variational autoencoders (MeanAndLogVariance, Sampling with its held noise, the KL term), and the MSE, MAE, BCE and categorical cross-entropy losses.
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

            // SameDiff's: the same graph, differentiated automatically.
            SameDiff sd = SameDiff.create();
            Map<Param, SDVariable> vars = new IdentityHashMap<>();
            for (int i = 0; i < params.size(); i++) vars.put(params.get(i), sd.var("p" + i, params.get(i).value.dup()));
            List<SDVariable> penalties = new ArrayList<>();                          // a VAE's KL term
            SDVariable out = build(sd, model, sd.constant("x", xd), vars, penalties);
            SDVariable l = lossGraph(sd, loss, out, sd.constant("target", td));
            for (SDVariable term : penalties) l = l.add(term);
            sd.setLossVariables(l);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) names.add("p" + i);
            Map<String, INDArray> grads = quietly(() -> sd.calculateGradients(Map.of(), names));
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

    private static SDVariable build(SameDiff sd, Layer layer, SDVariable in, Map<Param, SDVariable> vars, List<SDVariable> penalties) {
        if (layer instanceof Autoencoder) {
            Autoencoder ae = (Autoencoder) layer;
            return build(sd, ae.decoder, build(sd, ae.encoder, in, vars, penalties), vars, penalties);
        }
        if (layer instanceof VariationalAutoencoder) {
            VariationalAutoencoder vae = (VariationalAutoencoder) layer;
            int k = vae.latentSize();
            SDVariable stats = build(sd, vae.encoder, in, vars, penalties);
            SDVariable mu = stats.get(SDIndex.all(), SDIndex.interval(0, k));
            SDVariable logVar = stats.get(SDIndex.all(), SDIndex.interval(k, 2 * k));
            INDArray held = vae.sampling.heldNoise();                                   // inference without held noise: z = μ
            SDVariable z = held == null ? mu : mu.add(sd.math().exp(logVar.mul(0.5)).mul(sd.constant(held.castTo(DataType.DOUBLE))));
            SDVariable kl = logVar.add(1).sub(mu.mul(mu)).sub(sd.math().exp(logVar)).sum(1).mul(-0.5);   // KL_n
            penalties.add(kl.mean().mul(vae.beta() / vae.inputSize()));
            return build(sd, vae.decoder, z, vars, penalties);
        }
        if (layer instanceof Sequential) {
            for (Layer inner : ((Sequential) layer).layers()) in = build(sd, inner, in, vars, penalties);
            return in;
        }
        if (layer instanceof MeanAndLogVariance) {
            MeanAndLogVariance heads = (MeanAndLogVariance) layer;
            return sd.concat(1, build(sd, heads.mean, in, vars, penalties), build(sd, heads.logVariance, in, vars, penalties));
        }
        if (layer instanceof Dense) {
            Dense d = (Dense) layer;
            return in.mmul(vars.get(d.W)).add(vars.get(d.b));
        }
        if (layer instanceof TiedDense) {
            TiedDense t = (TiedDense) layer;
            return sd.linalg().mmul(in, vars.get(t.tiedTo().W), false, true, false).add(vars.get(t.c));
        }
        if (layer instanceof Conv2D) {
            Conv2D c = (Conv2D) layer;
            aekit.layers.ImageShape i = c.inputShape(), o = c.outputShape();
            int k = c.kernel();
            SDVariable image = in.reshape(-1, i.channels(), i.height(), i.width());                  // rows → NCHW
            SDVariable filters = vars.get(c.W).reshape(i.channels(), k, k, o.channels()).permute(1, 2, 0, 3);   // [C·k·k, F] → [k, k, C, F]
            SDVariable y = sd.cnn().conv2d(image, filters, vars.get(c.b).reshape(o.channels()),
                    org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder().kH(k).kW(k)
                            .sH(c.stride()).sW(c.stride()).pH(c.padding()).pW(c.padding()).dataFormat("NCHW").build());
            return y.reshape(-1, o.size());
        }
        if (layer instanceof MaxPool2D) {
            MaxPool2D m = (MaxPool2D) layer;
            aekit.layers.ImageShape i = m.inputShape(), o = m.outputShape();
            int f = m.size();
            boolean cutShort = i.height() % f != 0 || i.width() % f != 0;                          // MaxPool2D.same: Keras's 'same'
            SDVariable image = in.reshape(-1, i.channels(), i.height(), i.width());
            return sd.cnn().maxPooling2d(image, org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig.builder()
                    .kH(f).kW(f).sH(f).sW(f).paddingMode(cutShort ? org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.SAME : org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.VALID).isNHWC(false).build()).reshape(-1, o.size());
        }
        if (layer instanceof Upsample2D) {
            Upsample2D u = (Upsample2D) layer;
            aekit.layers.ImageShape o = u.outputShape();
            int f = u.factor();
            // each value times a f×f block of ones: [N, C, h, 1, w, 1] ⊙ [1, 1, 1, f, 1, f] → [N, C, h·f, w·f]
            SDVariable spread = in.reshape(-1, o.channels(), o.height() / f, 1, o.width() / f, 1);
            return spread.mul(sd.constant(Nd4j.ones(DataType.DOUBLE, 1, 1, 1, f, 1, f))).reshape(-1, o.size());
        }
        if (layer instanceof ActivationLayer) return activation(sd, ((ActivationLayer) layer).activation, in);
        if (layer instanceof Dropout) return in;
        throw new UnsupportedOperationException("SameDiffCheck cannot rebuild layer " + layer);
    }

    private static SDVariable activation(SameDiff sd, Activation a, SDVariable z) {
        if (a instanceof Identity) return z;
        if (a instanceof ReLU) return sd.nn().relu(z, 0);
        if (a instanceof Sigmoid) return sd.nn().sigmoid(z);
        if (a instanceof Tanh) return sd.math().tanh(z);
        if (a instanceof Softmax) return sd.nn().softmax(z, 1);
        if (a instanceof LeakyReLU) return sd.nn().leakyRelu(z, ((LeakyReLU) a).alpha());
        throw new UnsupportedOperationException("SameDiffCheck cannot rebuild activation " + a.name());
    }

    private static SDVariable lossGraph(SameDiff sd, Loss loss, SDVariable p, SDVariable t) {
        if (loss instanceof MeanSquaredError) {
            SDVariable d = p.sub(t);
            return d.mul(d).mean();
        }
        if (loss instanceof MeanAbsoluteError) return sd.math().abs(p.sub(t)).mean();
        if (loss instanceof BinaryCrossEntropy) {
            double eps = BinaryCrossEntropy.EPSILON;
            SDVariable c = sd.math().clipByValue(p, eps, 1 - eps);
            return t.mul(sd.math().log(c)).add(t.rsub(1).mul(sd.math().log(c.rsub(1)))).mean().neg();
        }
        if (loss instanceof CategoricalCrossEntropy) {
            SDVariable logP = sd.math().log(sd.math().clipByValue(p, BinaryCrossEntropy.EPSILON, 1e30));
            return t.mul(logP).sum(1).mean().neg();
        }
        throw new UnsupportedOperationException("SameDiffCheck cannot rebuild loss " + loss.name());
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
