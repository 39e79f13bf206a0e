package aekit.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J keeps an array's numbers outside the Java heap. These are views of that memory (no copy), for the few loops
 * the kit writes in plain Java: Adam's update, the vectorised sigmoid and loss, and gathering a batch's rows.
 */
public final class OffHeap {
    private OffHeap() {}

    /** True when the array is one run of numbers in row-major order, so that element i sits at position i. */
    public static boolean isContiguous(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1 && a.length() <= Integer.MAX_VALUE;
    }

    /** True when every array is float32 and one contiguous run: what the float loops of aekit.fast read in place. */
    public static boolean allContiguousFloats(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || !isContiguous(a)) return false;
        }
        return true;
    }

    /**
     * Sets every number to 0 with one {@code memset}: no ND4J operation, which matters when two threads train the two
     * halves of a batch (ND4J's operations take locks, and one thread then waits for the other).
     */
    public static void zero(INDArray a) {
        if (!isContiguous(a) || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            a.assign(0);
            return;
        }
        org.bytedeco.javacpp.Pointer.memset(a.data().addressPointer(), 0, a.length() * a.dataType().width());
    }

    public static FloatBuffer floats(INDArray a) {
        requireType(a, DataType.FLOAT);
        return bytes(a).asFloatBuffer();
    }

    public static DoubleBuffer doubles(INDArray a) {
        requireType(a, DataType.DOUBLE);
        return bytes(a).asDoubleBuffer();
    }

    /**
     * The rows of a float matrix, in the given order, copied into a new [rows.length, columns] array (made in the
     * current workspace, if any): one bulk copy per row, about half the time of {@code Nd4j.pullRows} on a batch.
     */
    public static INDArray gatherRows(INDArray data, int[] rows) {
        if (data.dataType() != DataType.FLOAT || data.rank() != 2 || !isContiguous(data)) return Nd4j.pullRows(data, 1, rows);
        return copyRows(data, rows, Nd4j.createUninitialized(DataType.FLOAT, rows.length, data.columns()));
    }

    /**
     * As {@link #gatherRows(INDArray, int[])}, into {@code reused} when it has the right shape (else into a new array
     * that outlives any workspace, to be passed back next time): no new array from batch to batch.
     */
    public static INDArray gatherRows(INDArray data, int[] rows, INDArray reused) {
        if (data.dataType() != DataType.FLOAT || data.rank() != 2 || !isContiguous(data)) return Nd4j.pullRows(data, 1, rows);
        INDArray out = reused != null && reused.rows() == rows.length && reused.columns() == data.columns() ? reused
                : aekit.Memory.persistent(() -> Nd4j.createUninitialized(DataType.FLOAT, rows.length, data.columns()));
        return copyRows(data, rows, out);
    }

    private static INDArray copyRows(INDArray data, int[] rows, INDArray out) {
        int width = (int) data.columns();
        long n = data.rows();
        FloatBuffer from = floats(data), to = floats(out);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= n) throw new IndexOutOfBoundsException("row " + rows[i] + " of a matrix with " + n + " rows");
            to.put(i * width, from, rows[i] * width, width);
        }
        return out;
    }

    /** The array's own numbers as bytes in native order, from its first element, for its length. */
    static ByteBuffer bytes(INDArray a) {
        if (!isContiguous(a)) {
            throw new IllegalArgumentException("expected one contiguous run of numbers, got an array with strides " + Arrays.toString(a.stride())
                    + " (ordering '" + a.ordering() + "'): dup() it first");
        }
        int size = a.dataType().width();
        ByteBuffer all = a.data().asNio().order(ByteOrder.nativeOrder());
        return all.position(Math.toIntExact(a.offset() * size)).limit(Math.toIntExact((a.offset() + a.length()) * size))
                .slice().order(ByteOrder.nativeOrder());
    }

    private static void requireType(INDArray a, DataType type) {
        if (a.dataType() != type) throw new IllegalArgumentException("expected a " + type + " array, got " + a.dataType());
    }
}
