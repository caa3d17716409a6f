package dev.ridgeline.bench;

/** A matrix shape from a JMH parameter such as {@code "250000x256"}: m rows, n features. */
public record Shape(int rows, int cols) {
    public static Shape parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shape must look like 250000x256, got '" + text + "'");
        }
        try {
            return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape must look like 250000x256, got '" + text + "'", e);
        }
    }

    /** Bytes of X (float32), the data one epoch must read. */
    public long bytes() {
        return 4L * rows * cols;
    }
}
