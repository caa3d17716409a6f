package dev.ridgeline.bench;

import java.util.Locale;

/**
 * Whether a peer benchmark reaches the target loss: {@code epochs} is the count it is timed at (the cap when
 * it does not reach the target), {@code loss} the best J it reached. One tab-separated line per outcome in
 * {@code peer-outcomes.tsv}, beside the notes file, which the report reads.
 */
public record PeerOutcome(String shape, String benchmark, boolean reached, int epochs, double loss) {
    public static final String FILE = "peer-outcomes.tsv";

    public String toLine() {
        return String.join("\t", shape, benchmark, Boolean.toString(reached), Integer.toString(epochs),
                String.format(Locale.ROOT, "%.9g", loss));
    }

    public static PeerOutcome parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 5) {
            throw new IllegalArgumentException("not a peer outcome line: '" + line + "'");
        }
        return new PeerOutcome(f[0], f[1], Boolean.parseBoolean(f[2]), Integer.parseInt(f[3]), Double.parseDouble(f[4]));
    }

    /**
     * "yes in 2 epochs", "yes in 17 passes over X" (Ridgeline's count), "yes (exact solve)" (no epochs) or
     * "no: best J 0.00169034 after 32 epochs".
     */
    public String text() {
        if (reached && epochs == 0) {
            return String.format(Locale.ROOT, "yes (exact solve, J* = %.6g)", loss);
        }
        // Ridgeline's count is passes over X: a pass measures the loss before its update (RidgelineToLoss).
        String unit = benchmark.startsWith("ridgeline") ? " passes over X" : " epochs";
        return reached ? "yes in " + epochs + unit
                : String.format(Locale.ROOT, "no: best J %.6g after %d%s", loss, epochs, unit);
    }
}
