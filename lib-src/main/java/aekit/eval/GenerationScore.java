package aekit.eval;

/**
 * What {@link GenerationYardstick} measures on one set of generated images. Each number catches a failure the others
 * miss, so read them together, beside the row for real held-out images:
 *
 * @param sampleToReal     median distance from a sample to its nearest training image (mean squared pixel
 *                         difference): large means "not like any real image". Blur and copies make it small.
 * @param sampleToRealTail the 90th percentile of the same distance: the worst tenth of the samples
 * @param realToSample     median distance from a held-out real image to its nearest sample: large means the samples
 *                         miss much of what real images look like (one image, or ten, cannot cover them all)
 * @param confidence       mean probability that a classifier trained on real images gives its top class: low for
 *                         shapes it cannot name (blurs, blends, scribbles)
 * @param classEntropy     entropy in bits of the classifier's predicted-class histogram: log₂(classes) when every
 *                         class is made equally often, 0 when every sample gets the same class
 * @param closerThanNew    share of samples closer to a training image than the median held-out image is: about 0.5
 *                         for samples as new as real unseen images, 1 for copies of the training images
 * @param sharpness        how much neighbouring pixels differ, over the same for held-out real images: 1 as sharp
 *                         as real images, below 1 blurred (the distances above reward blur: this does not), above 1
 *                         speckled
 */
public record GenerationScore(double sampleToReal, double sampleToRealTail, double realToSample, double confidence,
                              double classEntropy, double closerThanNew, double sharpness) {}
