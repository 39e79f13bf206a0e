package aekit.layers;

/**
 * The shape of one image in a row: {@code channels × height × width} numbers, stored channel by channel, row by row
 * ({@code index = (c·height + r)·width + col}). Convolutional layers read and write rows [N, channels·height·width],
 * so they chain with every other layer and the trainer sees plain matrices.
 */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("an image needs positive channels, height and width, got " + channels + "×" + height + "×" + width);
        }
    }

    /** A one-channel 28×28 image, as MNIST's. */
    public static ImageShape mnist() {
        return new ImageShape(1, 28, 28);
    }

    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
