package dev.ridgeline.bench.report;

import dev.ridgeline.bench.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The performance targets of the vector backend, checked shape by shape against measurements of the
 * same run: K = 1 and n >= 256 at >= 75% of the streaming read; >= 3x the scalar backend; >= 1.6x the
 * unfused two-pass epoch (from memory: {@link #FROM_MEMORY_BYTES}); K = 8 in <= 2x the time of K = 1. Each ratio
 * comes with its interval from the
 * two JMH errors ({@link Ratio}); the verdict is met or NOT met only when the whole interval says so. A
 * target of an expected shape whose measurements are missing is listed as missing.
 */
final class Targets {
    private final List<Measurement> all;
    private final Expected expected;
    /** The vector backend's threads in words ("all threads", "2 threads"), for the speed-up's label. */
    private final String vectorThreads;

    Targets(List<Measurement> all) {
        this(all, Expected.from(all), "all threads");
    }

    Targets(List<Measurement> all, Expected expected, String vectorThreads) {
        this.all = all;
        this.expected = expected;
        this.vectorThreads = vectorThreads;
    }

    /** Markdown table rows: target, shape, measured value, its interval, verdict. */
    List<String> rows() {
        List<String> out = new ArrayList<>();
        for (String shape : expected.shapes()) {
            Optional<Measurement> v1 = find(Measurement.VECTOR, shape, 1);
            if (Shape.parse(shape).cols() >= 256) {
                out.add(row("vector K=1 bandwidth / streaming read >= 0.75", shape,
                        find(Measurement.STREAM, shape, 0), v1, 0.75, true));
            }
            // The scalar backend is the plain single-threaded reference; the vector one runs on every processor.
            out.add(row("vector K=1 (" + vectorThreads + ") speed-up over scalar (1 thread) >= 3", shape,
                    find(Measurement.SCALAR, shape, 1), v1, 3, true));
            if (Shape.parse(shape).bytes() >= FROM_MEMORY_BYTES) {
                out.add(row("vector K=1 speed-up over unfused two-pass >= 1.6", shape,
                        find(Measurement.UNFUSED, shape, 1), v1, 1.6, true));
            } else {
                out.add(noGoal("vector K=1 speed-up over unfused two-pass (from memory: >= 1.6)", shape,
                        find(Measurement.UNFUSED, shape, 1), v1, "no goal: in cache the baseline's two dispatches of"
                                + " pooled tasks, not its second pass, set its time"));
            }
            if (expected.expectsVector(8)) {
                out.add(row("vector time K=8 / K=1 <= 2", shape, find(Measurement.VECTOR, shape, 8), v1, 2, false));
            }
        }
        return out;
    }

    /**
     * The smallest X whose unfused epoch is judged against the fused one. Below it (the in-cache shape, 1 MB) the
     * baseline's two parallel-stream dispatches an epoch (10-25 us measured on an Intel host, where java-vector's
     * spinning helpers pay about 1 us) and not its second pass over X set its time: its streaming read, built the
     * same way, took longer than java-vector's whole epoch there. So the ratio is shown without a verdict.
     */
    static final long FROM_MEMORY_BYTES = 64L << 20;

    private Optional<Measurement> find(String kind, String shape, int models) {
        return all.stream().filter(m -> m.kind().equals(kind) && m.shape().equals(shape) && m.models() == models)
                .findFirst();
    }

    /** A ratio shown for reference, with {@code why} in place of a verdict. */
    private static String noGoal(String target, String shape, Optional<Measurement> numerator,
            Optional<Measurement> denominator, String why) {
        if (numerator.isEmpty() || denominator.isEmpty()) {
            return String.format(Locale.ROOT, "| %s | %s | missing | | %s |", target, shape, why);
        }
        Ratio r = Ratio.of(numerator.get(), denominator.get());
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", target, shape, r.value2(), r.interval(), why);
    }

    private static String row(String target, String shape, Optional<Measurement> numerator,
            Optional<Measurement> denominator, double bound, boolean atLeast) {
        if (numerator.isEmpty() || denominator.isEmpty()) {
            return String.format(Locale.ROOT, "| %s | %s | missing | | missing |", target, shape);
        }
        Ratio r = Ratio.of(numerator.get(), denominator.get());
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", target, shape, r.value2(), r.interval(bound),
                r.verdict(bound, atLeast));
    }
}
