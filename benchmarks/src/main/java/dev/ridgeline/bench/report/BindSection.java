package dev.ridgeline.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "One-time cost of java-vector" section of summary.md: per shape, the time of {@code VectorBindBenchmark}'s
 * op (bind, the first full-batch step with the panel copy of X where the shape suits it, close) and that time as
 * a number of java-vector epochs of the same K in the same run, with its interval: N epochs means a training
 * run pays N - 1 epochs' time once, beyond its epochs. No target. Every expected shape without a result is
 * listed as missing; with no shape expected and no result the section is left out.
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
                + " that a training run pays N - 1 epochs' time once, beyond its own epochs. No target.");
        if (smoke) {
            md.append(" A quick run: a few short iterations; the figures only show that the benchmark and the"
                    + " report work.");
        }
        md.append("\n\n| shape (m x n) | what | bind + first step ms | ± ms | epoch ms | = epochs of java-vector,"
                + " same K | interval |\n|---|---|---:|---:|---:|---:|---|\n");
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
                md.append(bind.map(this::row).orElse(String.format(Locale.ROOT, "| %s | %s K=%d | missing | | | | |",
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
            interval = !r.hasInterval() ? "n/a" : String.format(Locale.ROOT, "[%.1f, %s]", r.low(),
                    Double.isInfinite(r.high()) ? "∞" : String.format(Locale.ROOT, "%.1f", r.high()));
        }
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s | %s |", bind.shape(), bind.series(),
                bind.epochMillis(), Double.isNaN(bind.errorMillis()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", bind.errorMillis()), epochMillis, epochs, interval);
    }

    private Optional<Measurement> find(String kind, String shape, int models) {
        return all.stream().filter(m -> m.kind().equals(kind) && m.shape().equals(shape) && m.models() == models)
                .findFirst();
    }
}
