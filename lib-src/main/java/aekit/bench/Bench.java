package aekit.bench;

import aekit.data.Dataset;
import aekit.data.KitData;
import aekit.model.Autoencoder;
import aekit.training.History;
import aekit.training.Trainer;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seconds per epoch of the kit's training loop, and the sgemm ceiling of this machine. Not a test:
 * run it with {@code python3 kit.py bench [epochs]}, which also sets OMP_NUM_THREADS=1 as the kernel does.
 *
 * <p>Model A: 784-128-32-128-784, model B: seed 001 §5.2's 784-64-32-16-32-64-784; ReLU hidden, sigmoid
 * output, binary cross-entropy, Adam(1e-3), batch 256, float32. Data: Fashion-MNIST's 60,000 training images
 * when installed, else the kit's 20,000 shipped images (MNIST 10k + Fashion-MNIST 10k).
 */
public final class Bench {
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Dataset train, test;
        if (KitData.hasFullFashionMnist()) {
            train = KitData.fashionMnistTrain();
            test = KitData.fashionMnist();
        } else {
            train = new Dataset("shipped MNIST+Fashion", Nd4j.vstack(KitData.mnist().x(), KitData.fashionMnist().x()), new int[20_000], new String[] {"-"});
            test = KitData.fashionMnist().slice(0, 2000);
        }
        System.out.printf(Locale.ROOT, "data: %s (%d images), threads: %s%n", train.name(), train.size(), System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
        System.out.printf(Locale.ROOT, "sgemm 2048x2048 ceiling: %.1f GFLOP/s%n", sgemmGflops());
        run("A 784-128-32-128-784", Autoencoder.dense(784, 128, 32), train, test, epochs, 784L * 128 + 128 * 32);
        run("B 784-64-32-16-32-64-784", Autoencoder.dense(784, 64, 32, 16), train, test, epochs, 784L * 64 + 64 * 32 + 32 * 16);
    }

    private static void run(String name, Autoencoder model, Dataset train, Dataset test, int epochs, long weightsPerHalf) {
        History h = Trainer.defaults().epochs(epochs + 1).quiet().fit(model, train.x());
        double[] s = h.epochs().stream().skip(1).mapToDouble(r -> r.seconds()).sorted().toArray();   // first epoch is warm-up
        double median = s[s.length / 2];
        // forward 2·N·W, backward 4·N·W flops per epoch (W = weights in both halves)
        double gflop = 6.0 * train.size() * 2 * weightsPerHalf / 1e9;
        double testLoss = Trainer.defaults().evaluate(model, test.x(), test.x());
        System.out.printf(Locale.ROOT, "model %-26s s/epoch median %.3f (min %.3f, max %.3f)  %.1f GFLOP/s  test BCE after %d epochs %.4f%n",
                name, median, s[0], s[s.length - 1], gflop / median, epochs + 1, testLoss);
    }

    static double sgemmGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2048, 2048), b = Nd4j.rand(DataType.FLOAT, 2048, 2048), c = Nd4j.create(DataType.FLOAT, 2048, 2048);
        Nd4j.gemm(a, b, c, false, false, 1, 0);
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1, 0);
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return 2.0 * 2048 * 2048 * 2048 / t[2] / 1e9;
    }
}
