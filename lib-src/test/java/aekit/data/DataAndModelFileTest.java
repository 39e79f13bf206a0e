package aekit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.Fixtures;
import aekit.data.DataFileException;
import aekit.data.Dataset;
import aekit.data.KitData;
import aekit.data.Scaler;
import aekit.data.Tables;
import aekit.eval.Metrics;
import aekit.eval.Pca;
import aekit.model.Autoencoder;
import aekit.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

class DataAndModelFileTest {
    @Test
    void shippedChecksumsMatchTheSumsFile() throws Exception {
        List<String> lines = Files.readAllLines(KitData.dataDirectory().resolve("SHA256SUMS"));
        lines.removeIf(line -> line.endsWith(".aekit") || line.endsWith(".history.csv"));   // the pretrained models' (PretrainedModelsTest)
        assertEquals(KitData.values().length, lines.size());
        for (KitData d : KitData.values()) assertTrue(lines.contains(d.sha256 + "  " + d.fileName), d.fileName);
    }

    @Test
    void encodeAndReconstructReturnArraysTheNextCallDoesNotOverwrite() {
        Autoencoder ae = Autoencoder.dense(6, 4, 2);
        INDArray a = Fixtures.unitInterval(3, 6, 1), b = Fixtures.unitInterval(3, 6, 2);
        INDArray codeA = ae.encode(a), outA = ae.reconstruct(a);
        INDArray codeAKept = codeA.dup(), outAKept = outA.dup();
        ae.encode(b);
        ae.reconstruct(b);
        assertEquals(codeAKept, codeA, "a student keeps the code of a, then encodes b");
        assertEquals(outAKept, outA);
        assertEquals(outA, ae.decode(codeA), "reconstruct = decode(encode)");
    }

    @Test
    void everyLayerHasItsOwnReadableName() {
        Table summary = Autoencoder.builder(784, 128, 32).dropout(0.2).build().summary();
        List<String> names = summary.stringColumn("layer").asList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        assertTrue(names.containsAll(List.of("encoder.dense1", "encoder.relu1", "encoder.dense2", "decoder.sigmoid2")), names.toString());
    }

    @Test
    void mnistAndFashionLoadScaled() {
        for (Dataset d : List.of(KitData.mnist(), KitData.fashionMnist())) {
            assertEquals(10_000, d.size());
            assertEquals(784, d.features());
            assertTrue(d.x().minNumber().doubleValue() >= 0 && d.x().maxNumber().doubleValue() <= 1);
            assertEquals(10, java.util.Arrays.stream(d.labels()).distinct().count());
        }
    }

    @Test
    void corruptOrMissingFileSaysHowToRebuild(@TempDir Path dir) throws Exception {
        for (KitData d : KitData.values()) Files.copy(KitData.dataDirectory().resolve(d.fileName), dir.resolve(d.fileName));
        Files.write(dir.resolve(KitData.MNIST_LABELS.fileName), new byte[] {1, 2, 3});
        Files.delete(dir.resolve(KitData.BREAST_CANCER.fileName));
        System.setProperty("aekit.data", dir.toString());
        try {
            var corrupt = assertThrows(DataFileException.class, KitData::mnist);
            assertTrue(corrupt.getMessage().contains("corrupt") && corrupt.getMessage().contains(KitData.MNIST_LABELS.sha256)
                    && corrupt.getMessage().contains("build_data.py mnist"), corrupt.getMessage());
            var missing = assertThrows(DataFileException.class, KitData::breastCancer);
            assertTrue(missing.getMessage().contains("missing") && missing.getMessage().contains("build_data.py breast-cancer"), missing.getMessage());
        } finally {
            System.clearProperty("aekit.data");
        }
    }

    @Test
    void breastCancerThroughTablesawAndScalers() {
        Table t = KitData.breastCancer();
        assertEquals(569, t.rowCount());
        assertEquals(31, t.columnCount());
        INDArray x = Tables.toMatrix(t, "mean radius", "mean texture");
        INDArray z = Scaler.zScore(x).transform(x);
        assertEquals(0, z.mean(0).amaxNumber().doubleValue(), 1e-4);
        INDArray m = Scaler.minMax(x).transform(x);
        assertEquals(0, m.minNumber().doubleValue(), 1e-6);
        assertEquals(1, m.maxNumber().doubleValue(), 1e-6);
        var e = assertThrows(IllegalArgumentException.class, () -> Tables.toMatrix(t, "no such column"));
        assertTrue(e.getMessage().contains("no such column"));
    }

    @Test
    void saveLoadRoundTripIsExact(@TempDir Path dir) throws Exception {
        Autoencoder a = Autoencoder.dense(20, 8, 3);
        Autoencoder b = Autoencoder.builder(20, 8, 3).seed(7).build();
        INDArray x = Fixtures.unitInterval(4, 20, 5);
        Path file = dir.resolve("model.aekit");
        ModelFile.save(a, file);
        ModelFile.load(b, file);
        assertEquals(a.reconstruct(x), b.reconstruct(x));

        var wrong = assertThrows(IllegalArgumentException.class, () -> ModelFile.load(Autoencoder.dense(20, 9, 3), file));
        assertTrue(wrong.getMessage().contains("Dense(20→8)") && wrong.getMessage().contains("Dense(20→9)"), wrong.getMessage());
    }

    @Test
    void aucAndPsnrOnKnownCases() {
        assertEquals(1.0, Metrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true}));
        assertEquals(0.5, Metrics.rocAuc(new double[] {0.5, 0.5}, new boolean[] {false, true}));
        assertEquals(0.75, Metrics.rocAuc(new double[] {0.1, 0.6, 0.4, 0.9}, new boolean[] {false, false, true, true}));
        INDArray a = Nd4j.zeros(1, 4), b = Nd4j.zeros(1, 4).addi(0.1);
        assertEquals(20.0, Metrics.psnr(a, b), 1e-4);
    }

    @Test
    void pcaFindsTheSubspaceOfLowRankData() {
        INDArray basis = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3, 10);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 200, 3).mmul(basis);
        Pca pca = Pca.fit(x, 3);
        assertEquals(1.0, pca.explainedVarianceRatio(), 1e-9);
        assertTrue(Pca.largestAngleDegrees(pca.components, basis.transpose()) < 1e-3);
        // two planes in 3-D sharing the x axis, the other directions 30° apart: angles 0° and 30°
        INDArray xy = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        INDArray tilted = Nd4j.createFromArray(new double[][] {{1, 0}, {0, Math.cos(Math.PI / 6)}, {0, Math.sin(Math.PI / 6)}});
        double[] angles = Pca.principalAnglesDegrees(xy, tilted);
        assertEquals(0.0, angles[0], 1e-6);
        assertEquals(30.0, angles[1], 1e-6);
        assertEquals(0, pca.reconstruct(x).sub(x).amaxNumber().doubleValue(), 1e-9);
    }
}
