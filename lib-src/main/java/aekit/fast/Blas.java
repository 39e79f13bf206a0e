package aekit.fast;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dger;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products straight from BLAS, the library ND4J itself ends up in. Going through ND4J first builds and checks an
 * operation object: about 40 µs a call here, more than a 256×32×16 product takes (12 µs), and a training step of the
 * seeds' six-layer model makes 23 products, most of them small. A Dense layer uses three BLAS routines:
 *
 * <pre>
 * gemm  c ← α·op(a)·op(b) + β·c    y = x·W,  dW += xᵀ·dy,  dx = dy·Wᵀ
 * ger   a ← a + α·u·vᵀ             y += 1·b   (b added to every row: the outer product of a column of ones with b)
 * gemv  c ← α·op(a)·v + β·c        db += dyᵀ·1 (the column sums of dy)
 * </pre>
 *
 * Measured on a 256×784 batch: b added to every row 64 µs with ND4J's {@code addiRowVector}, 17 µs with {@code ger};
 * the column sums 119 µs with {@code Nd4j.gemm}, 23 µs with {@code gemv}.
 */
public final class Blas {
    private Blas() {}

    /**
     * c ← α·op(a)·op(b) + β·c, where op transposes or not: the contract of {@code Nd4j.gemm}, which this falls back to
     * for arrays BLAS cannot read in place (mixed types, views that are not one run of numbers).
     */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        if (!readsInPlace(a, b, c) || a.rank() != 2 || b.rank() != 2 || c.rank() != 2) return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        int m = (int) (transposeA ? a.columns() : a.rows()), k = (int) (transposeA ? a.rows() : a.columns());
        int kb = (int) (transposeB ? b.columns() : b.rows()), n = (int) (transposeB ? b.rows() : b.columns());
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException(String.format("matrix product: %s%s · %s%s does not fit into %s",
                    Arrays.toString(a.shape()), transposeA ? "ᵀ" : "", Arrays.toString(b.shape()), transposeB ? "ᵀ" : "", Arrays.toString(c.shape())));
        }
        int ta = transposeA ? CblasTrans : CblasNoTrans, tb = transposeB ? CblasTrans : CblasNoTrans;
        int lda = (int) a.columns(), ldb = (int) b.columns(), ldc = (int) c.columns();   // row-major: a row's length
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(a), lda, floats(b), ldb, (float) beta, floats(c), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, doubles(a), lda, doubles(b), ldb, beta, doubles(c), ldc);
        }
        return c;
    }

    /** c ← α·op(a)·v + β·c for a matrix a and vectors v, c (arrays of any shape, read as their numbers in order). */
    public static INDArray gemv(INDArray a, boolean transposeA, INDArray v, INDArray c, double alpha, double beta) {
        long rows = transposeA ? a.columns() : a.rows(), cols = transposeA ? a.rows() : a.columns();
        if (v.length() != cols || c.length() != rows) {
            throw new IllegalArgumentException(String.format("matrix times vector: %s%s · vector of %d does not fit into a vector of %d",
                    Arrays.toString(a.shape()), transposeA ? "ᵀ" : "", v.length(), c.length()));
        }
        if (!readsInPlace(a, v, c) || a.rank() != 2) {
            INDArray product = (transposeA ? a.transpose() : a).mmul(v.reshape(cols, 1)).reshape(c.shape()).muli(alpha);
            return beta == 0 ? c.assign(product) : c.muli(beta).addi(product);   // β = 0: c's old numbers unread, as in BLAS
        }
        int ta = transposeA ? CblasTrans : CblasNoTrans, m = (int) a.rows(), n = (int) a.columns();
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemv(CblasRowMajor, ta, m, n, (float) alpha, floats(a), n, floats(v), 1, (float) beta, floats(c), 1);
        } else {
            cblas_dgemv(CblasRowMajor, ta, m, n, alpha, doubles(a), n, doubles(v), 1, beta, doubles(c), 1);
        }
        return c;
    }

    /** a ← a + α·u·vᵀ for a matrix a [m, n] and vectors u (m numbers) and v (n numbers): an outer product added. */
    public static INDArray ger(INDArray u, INDArray v, INDArray a, double alpha) {
        if (a.rank() != 2 || u.length() != a.rows() || v.length() != a.columns()) {
            throw new IllegalArgumentException(String.format("outer product of vectors of %d and %d does not fit into %s",
                    u.length(), v.length(), Arrays.toString(a.shape())));
        }
        if (!readsInPlace(u, v, a)) return a.addi(u.reshape(u.length(), 1).mmul(v.reshape(1, v.length())).muli(alpha));
        int m = (int) a.rows(), n = (int) a.columns();
        if (a.dataType() == DataType.FLOAT) {
            cblas_sger(CblasRowMajor, m, n, (float) alpha, floats(u), 1, floats(v), 1, floats(a), n);
        } else {
            cblas_dger(CblasRowMajor, m, n, alpha, doubles(u), 1, doubles(v), 1, doubles(a), n);
        }
        return a;
    }

    /**
     * How many threads OpenBLAS splits a large product across: the count last set, else what OpenBLAS started with,
     * {@code OPENBLAS_NUM_THREADS} or every core (JavaCPP reports only a count set through it).
     */
    public static int threads() {
        int set = openblas_nolapack.blas_get_num_threads();
        if (set > 0) return set;
        try {
            int fromEnvironment = Integer.parseInt(System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "").trim());
            if (fromEnvironment > 0) return fromEnvironment;
        } catch (NumberFormatException unset) {
            // not set, or not a number: OpenBLAS then takes every core
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Sets OpenBLAS's thread count for the products that follow (its threads stay parked, not stopped). The trainer
     * sets 1 while two halves of a batch run on two cores, each half's products on its own core.
     */
    public static void threads(int count) {
        openblas_nolapack.blas_set_num_threads(count);
    }

    /** BLAS can read the arrays where they are: all float32 or all float64, each one run of numbers. */
    private static boolean readsInPlace(INDArray a, INDArray b, INDArray c) {
        DataType type = c.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) return false;
        for (INDArray x : new INDArray[] {a, b, c}) {
            if (x.dataType() != type || !OffHeap.isContiguous(x) || x.length() == 0) return false;
        }
        return true;
    }

    // A view's data buffer already starts at the view's first number (unlike asNio(), which maps the whole buffer).
    static FloatPointer floats(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }

    private static DoublePointer doubles(INDArray a) {
        return new DoublePointer(a.data().addressPointer());
    }
}
