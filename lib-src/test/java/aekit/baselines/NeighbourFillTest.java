package aekit.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NeighbourFillTest {
    @Test
    void aMissingPixelTakesTheMeanOfItsKnownNeighbours() {
        INDArray image = Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 0, 6, 7, 8, 9}});
        INDArray known = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1, 0, 1, 1, 1, 1}});
        float[] filled = new NeighbourFill(3, 3).apply(image, known).toFloatVector();
        assertEquals((1 + 2 + 3 + 4 + 6 + 7 + 8 + 9) / 8f, filled[4], 1e-6);
        assertArrayEquals(new float[] {1, 2, 3, 4, 0, 6, 7, 8, 9}, image.toFloatVector(), "the argument is not changed");
    }

    @Test
    void aHoleFillsFromItsEdgeInwardsAndKnownPixelsStay() {
        float[] pixels = new float[25], mask = new float[25];
        for (int i = 0; i < 25; i++) { pixels[i] = 1; mask[i] = 1; }
        for (int r = 1; r <= 3; r++) for (int c = 1; c <= 3; c++) { pixels[r * 5 + c] = 0; mask[r * 5 + c] = 0; }   // a 3×3 hole
        float[] filled = new NeighbourFill(5, 5).apply(Nd4j.createFromArray(new float[][] {pixels}), Nd4j.createFromArray(new float[][] {mask})).toFloatVector();
        for (float v : filled) assertEquals(1f, v, 1e-6, "a hole in a flat image fills flat, its centre included");
    }

    @Test
    void shapesThatDoNotFitAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> NeighbourFill.mnist().apply(Nd4j.zeros(2, 784), Nd4j.zeros(3, 784)));
        assertEquals("neighbour fill: 2 images but 3 mask rows", e.getMessage());
    }
}
