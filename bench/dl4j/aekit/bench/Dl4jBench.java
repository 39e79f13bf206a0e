package aekit.bench;

import aekit.losses.BinaryCrossEntropy;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The benchmark's DL4J peer: the same autoencoder as a {@code MultiLayerNetwork} (Dense ReLU layers, a sigmoid
 * output with DL4J's XENT loss, Adam(1e-3, ε = 1e-7 as Keras), float32, Xavier init as Keras's Glorot), fed the
 * same shuffled batches of 256 with {@code net.fit(x, x)}. Built only by the {@code dl4j-bench} Maven profile.
 *
 * <pre>Dl4jBench RESULTS DIR EPOCHS MODEL SEED</pre>
 */
public final class Dl4jBench {
    public static void main(String[] args) throws Exception {
        Path results = Paths.get(args[0]), dir = Paths.get(args[1]);
        int epochs = Integer.parseInt(args[2]);
        String model = args[3];
        long seed = Long.parseLong(args[4]);
        INDArray train = Nd4j.createFromNpyFile(dir.resolve("train.npy").toFile());
        INDArray test = Nd4j.createFromNpyFile(dir.resolve("test.npy").toFile());

        MultiLayerNetwork net = network(Bench.widths(model), seed);
        Random shuffler = new Random(seed);
        int n = (int) train.rows();
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        double[] seconds = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            for (int i = n - 1; i > 0; i--) {
                int j = shuffler.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t;
            }
            for (int from = 0; from < n; from += 256) {
                INDArray x = Nd4j.pullRows(train, 1, java.util.Arrays.copyOfRange(order, from, Math.min(n, from + 256)));
                net.fit(x, x);
            }
            seconds[epoch] = (System.nanoTime() - start) / 1e9;
        }
        double testLoss = new BinaryCrossEntropy().value(net.output(test, false), test);   // the same BCE for every peer
        Bench.append(results, Bench.row("dl4j", model, seed, n, seconds, testLoss,
                "deeplearning4j-nn " + Bench.jarVersion("deeplearning4j-nn")));
    }

    static MultiLayerNetwork network(int[] encoder, long seed) {
        int[] w = new int[2 * encoder.length - 1];           // 784, 128, 32 → 784, 128, 32, 128, 784
        for (int i = 0; i < encoder.length; i++) w[i] = w[w.length - 1 - i] = encoder[i];
        ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3, 0.9, 0.999, 1e-7))
                .weightInit(WeightInit.XAVIER)
                .list();
        for (int i = 1; i < w.length - 1; i++) {
            layers.layer(new DenseLayer.Builder().nIn(w[i - 1]).nOut(w[i]).activation(Activation.RELU).build());
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(w[w.length - 2]).nOut(w[w.length - 1])
                .activation(Activation.SIGMOID).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }
}
