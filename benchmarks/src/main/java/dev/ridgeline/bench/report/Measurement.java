package dev.ridgeline.bench.report;

import dev.ridgeline.bench.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One JMH result as the report sees it. {@code series} names what ran ("java-vector K=8", "streaming
 * read", ...), {@code epochMillis} is the time of ONE epoch (or one read, or one fit for peers). For a
 * read of the CSV file, {@code series} is the benchmark method and {@code shape} the file's {@code csv}
 * parameter (records x numeric columns). {@code forkMillis} holds the mean time of each fork (JVM), in the
 * same unit; empty when unknown. {@code fastestMillis} is the fastest measured iteration, NaN when unknown.
 */
record Measurement(String kind, String series, String shape, int models, double epochMillis, double errorMillis,
        List<Double> forkMillis, double fastestMillis) {
    Measurement {
        forkMillis = List.copyOf(forkMillis);
    }

    /** A result without its fastest iteration. */
    Measurement(String kind, String series, String shape, int models, double epochMillis, double errorMillis,
            List<Double> forkMillis) {
        this(kind, series, shape, models, epochMillis, errorMillis, forkMillis, Double.NaN);
    }

    /** A result without per-fork means. */
    Measurement(String kind, String series, String shape, int models, double epochMillis, double errorMillis) {
        this(kind, series, shape, models, epochMillis, errorMillis, List.of());
    }

    static final String STREAM = "streaming read";
    static final String SCALAR = "java-scalar";
    static final String VECTOR = "java-vector";
    static final String VECTOR_ROWS = "java-vector, no panel copy";
    static final String UNFUSED = "unfused two-pass";
    static final String CUDA = "cuda";
    static final String PEER = "peer";
    static final String CSV = "csv read";
    static final String PEAK = "arithmetic peak";
    /** What java-vector costs once: bind, the first full-batch step (with the panel copy), close. */
    static final String BIND = "java-vector bind + first step";

    /** Bytes of X per epoch divided by the epoch time, in GB/s (10^9 bytes). */
    double gigabytesPerSecond() {
        return Shape.parse(shape).bytes() / (epochMillis * 1e-3) / 1e9;
    }

    /** Grouped by shape (in order of first appearance), then stream, scalar, unfused, vector without and with panels, cuda, bind, then K. */
    static List<Measurement> inReportOrder(List<Measurement> all) {
        List<String> shapes = new ArrayList<>();
        all.forEach(m -> {
            if (!shapes.contains(m.shape())) {
                shapes.add(m.shape());
            }
        });
        List<String> kinds = List.of(STREAM, SCALAR, UNFUSED, VECTOR_ROWS, VECTOR, CUDA, BIND, PEER, CSV, PEAK);
        List<Measurement> out = new ArrayList<>(all);
        out.sort(Comparator.<Measurement>comparingInt(m -> shapes.indexOf(m.shape()))
                .thenComparingInt(m -> kinds.indexOf(m.kind())).thenComparingInt(Measurement::models));
        return out;
    }

    /** An epoch or the streaming read of X: a row of the epoch table and the plot. */
    boolean isEpoch() {
        return !isPeer() && !isCsvRead() && !isPeak() && !isBind();
    }

    /** The one-time cost of java-vector (a bind and its first step), no epoch: a row of its own section. */
    boolean isBind() {
        return kind.equals(BIND);
    }

    boolean isPeak() {
        return kind.equals(PEAK);
    }

    boolean isPeer() {
        return kind.equals(PEER);
    }

    boolean isCsvRead() {
        return kind.equals(CSV);
    }
}
