package aekit.pretrained;

import aekit.data.Noise;
import aekit.layers.Layer;
import aekit.training.Trainer;
import java.util.function.Supplier;

/**
 * How one shipped model was trained: the model a chapter builds, the kit's default trainer (binary cross-entropy,
 * Adam(1e-3)) with a batch size, a number of epochs, and — for a denoiser — the Gaussian noise on its inputs. The same
 * code a chapter runs live, with bigger numbers: {@code python3 kit.py pretrain NAME} runs it again.
 *
 * @param name       the file name in {@code data/models/} (without {@code .aekit})
 * @param chapter    the notebook that uses it
 * @param what       one line for the tables
 * @param model      builds the untrained model (its seed fixed, so every run starts from the same weights)
 * @param epochs     passes over the training digits
 * @param batchSize  rows per Adam step
 * @param noiseSigma σ of the Gaussian noise added to the inputs (0: a plain autoencoder, trained to copy)
 */
public record Recipe(String name, String chapter, String what, Supplier<? extends Layer> model, int epochs, int batchSize,
                     double noiseSigma) {

    /** The trainer this recipe uses, quiet (a long run prints one line per epoch from {@link Pretrain} instead). */
    public Trainer trainer() {
        Trainer trainer = Trainer.defaults().epochs(epochs).batchSize(batchSize).quiet();
        return noiseSigma > 0 ? trainer.corruptInputs(Noise.gaussian(noiseSigma)) : trainer;
    }

    public boolean denoiser() {
        return noiseSigma > 0;
    }
}
