package aekit.fast;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ImageLayer}'s gather and scatter-add (the forward and backward pass of pooling and upsampling) on float32
 * rows, in float: the layer's own loops, without widening every number to double and back. The unit tests compare
 * the layers in float32 with finite differences and SameDiff ({@code ConvolutionTest}).
 */
public final class ImageLoops {
    private ImageLoops() {}

    /** True when the loops below take this array: float32, one contiguous run of numbers. */
    public static boolean handles(INDArray a) {
        return OffHeap.allContiguousFloats(a);
    }

    /** Image by image, out[o] = a[source[o]], as rows [batch, outSize]: see {@code ImageLayer.gather}. */
    public static INDArray gather(INDArray a, int[] source, int batch, int outSize) {
        int inSize = (int) a.columns();
        float[] from = new float[(int) a.length()], to = new float[batch * outSize];
        OffHeap.floats(a).get(0, from);
        for (int n = 0; n < batch; n++) {
            int map = source.length == outSize ? 0 : n * outSize, at = n * inSize;
            for (int o = 0; o < outSize; o++) to[n * outSize + o] = from[at + source[map + o]];
        }
        return Nd4j.create(to, new long[] {batch, outSize}, 'c');
    }

    /** The same map backwards, out[source[o]] += g[o], as rows [batch, outSize]: see {@code ImageLayer.scatterAdd}. */
    public static INDArray scatterAdd(INDArray g, int[] source, int batch, int outSize) {
        int gradSize = (int) g.columns();
        float[] from = new float[(int) g.length()], to = new float[batch * outSize];
        OffHeap.floats(g).get(0, from);
        for (int n = 0; n < batch; n++) {
            int map = source.length == gradSize ? 0 : n * gradSize, at = n * outSize;
            for (int o = 0; o < gradSize; o++) to[at + source[map + o]] += from[n * gradSize + o];
        }
        return Nd4j.create(to, new long[] {batch, outSize}, 'c');
    }
}
