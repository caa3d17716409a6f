package dev.ridgeline.bench.report;

import dev.ridgeline.bench.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The performance targets of the vector backend, checked shape by shape against measurements of the
 * same run: K = 1 and n >= 256 at >= 75% of the streaming read; >= 3x the scalar backend; >= 1.6x the
 * unfused two-pass epoch; K = 8 in <= 2x the time of K = 1.
 */
final class Targets {
    private final List<Measurement> all;

    Targets(List<Measurement> all) {
        this.all = all;
    }

    /** Markdown table rows: target, shape, measured value, met or not. */
    List<String> rows() {
        List<String> out = new ArrayList<>();
        for (String shape : shapes()) {
            Optional<Measurement> v1 = find(Measurement.VECTOR, shape, 1);
            if (v1.isEmpty()) {
                continue;
            }
            double t = v1.get().epochMillis();
            if (Shape.parse(shape).cols() >= 256) {
                find(Measurement.STREAM, shape, 0).ifPresent(s -> out.add(row(
                        "vector K=1 bandwidth / streaming read >= 0.75", shape, s.epochMillis() / t, 0.75, true)));
            }
            find(Measurement.SCALAR, shape, 1).ifPresent(s -> out.add(row(
                    "vector K=1 speed-up over scalar >= 3", shape, s.epochMillis() / t, 3, true)));
            find(Measurement.UNFUSED, shape, 1).ifPresent(u -> out.add(row(
                    "vector K=1 speed-up over unfused two-pass >= 1.6", shape, u.epochMillis() / t, 1.6, true)));
            find(Measurement.VECTOR, shape, 8).ifPresent(v8 -> out.add(row(
                    "vector time K=8 / K=1 <= 2", shape, v8.epochMillis() / t, 2, false)));
        }
        return out;
    }

    private List<String> shapes() {
        List<String> out = new ArrayList<>();
        for (Measurement m : all) {
            if (m.isEpoch() && !out.contains(m.shape())) {
                out.add(m.shape());
            }
        }
        return out;
    }

    private Optional<Measurement> find(String kind, String shape, int models) {
        return all.stream().filter(m -> m.kind().equals(kind) && m.shape().equals(shape) && m.models() == models)
                .findFirst();
    }

    private static String row(String target, String shape, double value, double bound, boolean atLeast) {
        boolean met = atLeast ? value >= bound : value <= bound;
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %s |", target, shape, value, met ? "met" : "NOT met");
    }
}
