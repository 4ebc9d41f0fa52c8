package ml.frontier.core.image;

/** The shape of one image: channels × height × width. */
public record ImageShape(int channels, int height, int width) {

    public static final ImageShape MNIST = new ImageShape(1, 28, 28);
    public static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad image shape " + channels + "x" + height + "x" + width);
        }
    }

    /** Floats per image. */
    public int size() {
        return channels * height * width;
    }

    /** Parses {@code CxHxW}. */
    public static ImageShape parse(String s) {
        String[] p = s.trim().split("x");
        if (p.length != 3) {
            throw new IllegalArgumentException("image shape must be CxHxW, got '" + s + "'");
        }
        return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
