package dev.ridgeline.bench.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "One-time cost of java-vector" section of summary.md: per shape, the time of {@code VectorBindBenchmark}'s
 * op (bind, the first full-batch step with the panel copy of X where the shape suits it, close) and that time as
 * a number of java-vector epochs of the same K in the same run, with its interval: N epochs means a training
 * run pays N - 1 epochs' time once, beyond its epochs. Then the epochs after which the panel copy has paid for
 * itself against the row kernel ({@link #payback}). No target. Every expected shape without a result is listed as
 * missing; with no shape expected and no result the section is left out.
 */
final class BindSection {
    private final List<Measurement> all;
    private final Expected expected;

    BindSection(List<Measurement> all, Expected expected) {
        this.all = all;
        this.expected = expected;
    }

    void appendTo(StringBuilder md, boolean smoke) {
        List<Measurement> binds = all.stream().filter(Measurement::isBind).toList();
        if (expected.shapes().isEmpty() && binds.isEmpty()) {
            return;
        }
        md.append("\n## One-time cost of java-vector: bind and first step\n\n");
        md.append("One op binds the problem on java-vector (its worker threads and per-model state), takes the"
                + " first full-batch step and closes the problem. That first step copies X into panels, as"
                + " large as X, where the shape and K suit the panel kernel and the heap has room; later epochs"
                + " run at the pace of the epoch table. Same data, threads and heap as the epochs. Single shot:"
                + " each op timed alone after an untimed `System.gc()` (a heap holding X and no panels of"
                + " earlier ops), after warm-up ops in the same JVM: the first bind of a fresh JVM runs colder"
                + " code in a heap still growing and takes longer. \"= epochs\" is the op's time over the"
                + " java-vector epoch of the same shape and K in this run, with its interval: N epochs means"
                + " that a training run pays N - 1 epochs' time once, beyond its own epochs. \"Copy pays back\""
                + " compares a run of N epochs with the panel copy (this op, then N - 1 java-vector epochs) and one"
                + " without (N epochs of java-vector, no panel copy, the same K): from N = (op - epoch) /"
                + " (no-copy epoch - epoch) on, the copy has paid for itself, the bind's other costs taken as"
                + " nil; its interval takes the three errors at their worst and every pair of the epochs' forks."
                + " \"no gain measured\" where the no-copy epoch is not surely slower (where the shape takes no"
                + " copy, the two run the same kernel). No target.");
        if (smoke) {
            md.append(" A quick run: a few short iterations; the figures only show that the benchmark and the"
                    + " report work.");
        }
        md.append("\n\n| shape (m x n) | what | bind + first step ms | ± ms | epoch ms | = epochs of java-vector,"
                + " same K | interval | copy pays back after, epochs |\n|---|---|---:|---:|---:|---:|---|---|\n");
        List<String> shapes = new ArrayList<>(expected.shapes());
        // Results of the run beyond the expected shapes still appear.
        binds.stream().map(Measurement::shape).distinct().filter(s -> !shapes.contains(s)).forEach(shapes::add);
        for (String shape : shapes) {
            List<Integer> models = new ArrayList<>(expected.shapes().contains(shape) ? expected.bindModels()
                    : List.of());
            binds.stream().filter(b -> b.shape().equals(shape)).map(Measurement::models)
                    .filter(k -> !models.contains(k)).sorted().forEach(models::add);
            for (int k : models) {
                Optional<Measurement> bind = find(Measurement.BIND, shape, k);
                md.append(bind.map(this::row).orElse(String.format(Locale.ROOT, "| %s | %s K=%d | missing | | | | | |",
                        shape, Measurement.BIND, k))).append('\n');
            }
        }
    }

    private String row(Measurement bind) {
        Optional<Measurement> epoch = find(Measurement.VECTOR, bind.shape(), bind.models());
        String epochMillis = epoch.map(e -> String.format(Locale.ROOT, "%.3f", e.epochMillis()))
                .orElse("missing");
        String epochs = "n/a (no epoch)";
        String interval = "";
        if (epoch.isPresent()) {
            Ratio r = Ratio.of(bind, epoch.get());
            epochs = String.format(Locale.ROOT, "%.1f", r.value());
            interval = !r.hasInterval() ? "n/a" : "[" + outwards(r.low(), RoundingMode.FLOOR) + ", "
                    + (Double.isInfinite(r.high()) ? "∞" : outwards(r.high(), RoundingMode.CEILING)) + "]";
        }
        String payback = epoch.map(e -> find(Measurement.VECTOR_ROWS, bind.shape(), bind.models())
                .map(rows -> payback(bind, e, rows)).orElse("n/a (no no-copy epoch)")).orElse("n/a (no epoch)");
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s | %s | %s |", bind.shape(), bind.series(),
                bind.epochMillis(), Double.isNaN(bind.errorMillis()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", bind.errorMillis()), epochMillis, epochs, interval,
                payback);
    }

    /**
     * N = (op - v) / (r - v): op the bind and first step, v the java-vector epoch (panels where the shape takes
     * them), r the epoch without the panel copy, all of the same shape and K. A run of N epochs costs op + (N - 1) v
     * with the copy and about N r without (a bind without the copy taken as one epoch). "[low, high]" with the
     * errors at their worst ((op -+ e) - (v +- e) over (r +- e) - (v -+ e)) and every pair of fork means of r and
     * v; "no gain measured" when r - v is not above 0 over that whole range (the copy may never pay).
     */
    static String payback(Measurement op, Measurement v, Measurement r) {
        double gain = r.epochMillis() - v.epochMillis();
        double cost = op.epochMillis() - v.epochMillis();
        if (Double.isNaN(op.errorMillis()) || Double.isNaN(v.errorMillis()) || Double.isNaN(r.errorMillis())) {
            return gain > 0 ? String.format(Locale.ROOT, "%.1f (no interval)", Math.max(1, cost / gain))
                    : "no gain measured";
        }
        double gainLow = r.epochMillis() - r.errorMillis() - (v.epochMillis() + v.errorMillis());
        double gainHigh = r.epochMillis() + r.errorMillis() - (v.epochMillis() - v.errorMillis());
        for (double fr : r.forkMillis()) {
            for (double fv : v.forkMillis()) {
                gainLow = Math.min(gainLow, fr - fv);
                gainHigh = Math.max(gainHigh, fr - fv);
            }
        }
        if (gainLow <= 0) {
            return "no gain measured";
        }
        double costLow = op.epochMillis() - op.errorMillis() - (v.epochMillis() + v.errorMillis());
        double costHigh = op.epochMillis() + op.errorMillis() - (v.epochMillis() - v.errorMillis());
        for (double fv : v.forkMillis()) {
            costLow = Math.min(costLow, op.epochMillis() - op.errorMillis() - fv);
            costHigh = Math.max(costHigh, op.epochMillis() + op.errorMillis() - fv);
        }
        // At least the op's own epoch: a run has one.
        return String.format(Locale.ROOT, "%.1f [%s, %s]", Math.max(1, cost / gain),
                outwards(Math.max(1, costLow / gainHigh), RoundingMode.FLOOR),
                outwards(Math.max(1, costHigh / gainLow), RoundingMode.CEILING));
    }

    /** A bound to one decimal, rounded away from the interval's inside, as the summary's ratios are. */
    private static String outwards(double bound, RoundingMode rounding) {
        return BigDecimal.valueOf(bound).setScale(1, rounding).toPlainString();
    }

    private Optional<Measurement> find(String kind, String shape, int models) {
        return all.stream().filter(m -> m.kind().equals(kind) && m.shape().equals(shape) && m.models() == models)
                .findFirst();
    }
}
