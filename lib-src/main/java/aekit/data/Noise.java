package aekit.data;

import aekit.Kit;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Corruptions for denoising autoencoders, for inputs in [0, 1]. Each draws from its own seeded
 * {@link Random}, so a run is repeatable; {@link #apply} never changes its argument.
 */
public abstract class Noise {
    protected final Random random;

    protected Noise(long seed) {
        this.random = new Random(seed);
    }

    public abstract INDArray apply(INDArray clean);

    /** x̃ = clip(x + ε, 0, 1), ε ~ N(0, σ²). */
    public static Noise gaussian(double sigma) {
        if (!(sigma >= 0)) throw new IllegalArgumentException("Gaussian noise sigma must be ≥ 0, got " + sigma);
        return new Noise(Kit.SEED) {
            @Override
            public INDArray apply(INDArray clean) {
                return map(clean, v -> (float) Math.min(1, Math.max(0, v + sigma * random.nextGaussian())));
            }
        };
    }

    /** Each value is set to 0 with probability p (pixels masked out). */
    public static Noise masking(double p) {
        requireProbability("masking", p);
        return new Noise(Kit.SEED) {
            @Override
            public INDArray apply(INDArray clean) {
                return map(clean, v -> random.nextDouble() < p ? 0f : v);
            }
        };
    }

    /** Each value is set to 0 or 1 (half each) with probability p. */
    public static Noise saltAndPepper(double p) {
        requireProbability("salt-and-pepper", p);
        return new Noise(Kit.SEED) {
            @Override
            public INDArray apply(INDArray clean) {
                return map(clean, v -> random.nextDouble() < p ? (random.nextBoolean() ? 1f : 0f) : v);
            }
        };
    }

    /**
     * For each call (each training batch), one of {@code choices} picked at random: a denoiser trained on a range
     * of noise levels instead of one (include {@code gaussian(0)} and it also sees clean images).
     */
    public static Noise oneOf(Noise... choices) {
        if (choices.length == 0) throw new IllegalArgumentException("oneOf needs at least one noise");
        return new Noise(Kit.SEED) {
            @Override
            public INDArray apply(INDArray clean) {
                return choices[random.nextInt(choices.length)].apply(clean);
            }
        };
    }

    private interface FloatMap {
        float apply(float v);
    }

    private static INDArray map(INDArray clean, FloatMap f) {
        float[] values = clean.dup('c').data().asFloat();
        for (int i = 0; i < values.length; i++) values[i] = f.apply(values[i]);
        return Nd4j.create(values, clean.shape(), 'c').castTo(clean.dataType());
    }

    private static void requireProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(what + " noise probability must be in [0, 1], got " + p);
    }
}
