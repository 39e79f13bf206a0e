package aekit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.layers.Param;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class HalfPrecisionFileTest {
    @Test
    void halfPrecisionHalvesTheFileAndLoadsTheRoundedWeightsIntoFloat(@TempDir Path dir) throws Exception {
        Autoencoder saved = Autoencoder.dense(64, 32, 8);
        ModelFile.save(saved, dir.resolve("float.aekit"));
        ModelFile.save(saved, dir.resolve("half.aekit"), DataType.HALF);
        assertTrue(Files.size(dir.resolve("half.aekit")) < 0.6 * Files.size(dir.resolve("float.aekit")));
        Autoencoder loaded = Autoencoder.dense(64, 32, 8);
        for (Param p : loaded.params()) p.value.assign(0);
        ModelFile.load(loaded, dir.resolve("half.aekit"));
        for (int i = 0; i < saved.params().size(); i++) {
            var original = saved.params().get(i).value;
            var back = loaded.params().get(i).value;
            assertEquals(DataType.FLOAT, back.dataType());
            assertEquals(original.castTo(DataType.HALF).castTo(DataType.FLOAT), back, saved.params().get(i).name + ": rounded to half, not changed otherwise");
        }
    }
}
