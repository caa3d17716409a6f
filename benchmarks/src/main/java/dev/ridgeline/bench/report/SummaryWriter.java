package dev.ridgeline.bench.report;

import dev.ridgeline.bench.CsvFileSize;
import dev.ridgeline.bench.PeakWork;
import dev.ridgeline.bench.PeerOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes summary.md: the run's conditions, every epoch measurement with its bandwidth, targets, the arithmetic
 * ceiling, java-vector's one-time cost, peers, CSV reads.
 */
final class SummaryWriter {
    private final List<Measurement> all;
    private final Expected expected;

    SummaryWriter(List<Measurement> all) {
        this(all, Expected.from(all));
    }

    SummaryWriter(List<Measurement> all, Expected expected) {
        this.all = all;
        this.expected = expected;
    }

    String markdown(RunConditions run, List<String> notes) {
        return markdown(run, notes, List.of(), List.of());
    }

    String markdown(RunConditions run, List<String> notes, List<PeerOutcome> outcomes, List<CsvFileSize> sizes) {
        return markdown(run, notes, outcomes, sizes, List.of());
    }

    /**
     * {@code sizes}: the bytes of each CSV file read, for its MB/s; {@code peakWork}: what one operation of
     * the arithmetic peak did, for its rate.
     */
    String markdown(RunConditions run, List<String> notes, List<PeerOutcome> outcomes, List<CsvFileSize> sizes,
            List<PeakWork> peakWork) {
        StringBuilder md = new StringBuilder();
        md.append("# Ridgeline benchmark summary\n\n");
        md.append("- date (UTC): ").append(run.date()).append('\n');
        md.append("- command: `").append(run.command()).append("`\n");
        if (run.commit() != null) {
            md.append("- commit: ").append(run.commit()).append('\n');
        }
        if (run.jarBuilt() != null) {
            md.append("- benchmarks.jar built: ").append(run.jarBuilt()).append('\n');
        }
        md.append("- machine: ").append(run.machine()).append('\n');
        md.append("- JVM: ").append(run.jvm()).append('\n');
        if (run.cudaCheck() != null) {
            md.append("- CUDA backend check: ").append(run.cudaCheck()).append('\n');
        }
        md.append("- load (`uptime`) before: ").append(run.loadBefore()).append('\n');
        md.append("- load (`uptime`) after: ").append(run.loadAfter()).append('\n');
        md.append("\nRatios compare measurements of this one run. On a shared machine absolute times are noise;"
                + " a load above the core count means other work competed for the cores during the run.\n");
        md.append("\n\"± ms\" is JMH's score error: the half-width of the 99.9 % confidence interval of the mean"
                + " time (Student's t over the measured iterations of all forks; n/a with fewer than three)."
                + " A ratio a / b is given with the interval [(a - ea) / (b + eb), (a + ea) / (b - eb)], both"
                + " times at the ends of their own intervals (∞ when b - eb <= 0), widened to take in the"
                + " ratio of every fork's mean time of a to every fork's of b (a JVM runs faster or slower than"
                + " the next over all its iterations, which JMH's interval does not allow for): the ratio as far"
                + " as this run can tell. A verdict holds for this run only; the ratios move between runs.\n");
        md.append("\n## One epoch (full batch) per backend\n\n");
        md.append("Effective GB/s = bytes of X (m x n x 4) / epoch time. The unfused epoch physically reads X"
                + " twice; its effective figure still divides the bytes of ONE read, so it compares with the"
                + " others. A CUDA epoch runs on the GPU from its memory: no ratio to a CPU read of DRAM. A"
                + " benchmark of the run without a result (it failed or did not run) is listed as missing.\n\n");
        md.append("| shape (m x n) | what | epoch ms | ± ms | effective GB/s | / streaming read | interval |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        for (String shape : expected.shapes()) {
            for (Expected.Row row : expected.rows(shape)) {
                Optional<Measurement> m = all.stream().filter(x -> x.kind().equals(row.kind())
                        && x.shape().equals(shape) && x.models() == row.models()).findFirst();
                md.append(m.map(this::epochRow).orElse(String.format(Locale.ROOT, "| %s | %s | missing | | | | |",
                        shape, row.series()))).append('\n');
            }
        }
        // Results of the run beyond the expected ones (other shapes or model counts) still appear.
        for (Measurement m : Measurement.inReportOrder(all)) {
            boolean listed = expected.shapes().contains(m.shape()) && expected.rows(m.shape()).stream()
                    .anyMatch(r -> r.kind().equals(m.kind()) && r.models() == m.models());
            if (m.isEpoch() && !listed) {
                md.append(epochRow(m)).append('\n');
            }
        }
        md.append("\n## Targets (vector backend)");
        if (run.smoke()) {
            md.append(": smoke run, not a measurement of the targets\n\nA quick run: one 8 MB shape that sits in"
                    + " cache, a few short iterations. The verdicts below only show that the report works.");
        }
        md.append("\n\nmet: the whole interval of the ratio meets the target; NOT met: the whole interval misses"
                + " it; inconclusive: the interval straddles the target.\n\n");
        md.append("| target | shape | measured | interval | |\n|---|---|---:|---|---|\n");
        new Targets(all, expected, run.ridgelineThreads()).rows().forEach(r -> md.append(r).append('\n'));
        new ArithmeticCeilingSection(all, expected, peakWork).appendTo(md, run.smoke());
        new BindSection(all, expected).appendTo(md, run.smoke());
        appendPeers(md, notes, outcomes, run);
        new CsvReadSection(all, expected, sizes).appendTo(md, run.smoke(), run.threads());
        return md.toString();
    }

    private String epochRow(Measurement m) {
        String ratio;
        String interval;
        Optional<Measurement> stream = all.stream()
                .filter(s -> s.kind().equals(Measurement.STREAM) && s.shape().equals(m.shape())).findFirst();
        if (m.kind().equals(Measurement.STREAM)) {
            // The read against itself is 1 by definition: no ratio to show.
            ratio = "-";
            interval = "";
        } else if (m.kind().equals(Measurement.CUDA)) {
            ratio = "n/a (GPU)";
            interval = "";
        } else if (stream.isEmpty()) {
            ratio = "n/a";
            interval = "";
        } else {
            Ratio r = Ratio.of(stream.get(), m);
            ratio = r.value2();
            interval = r.interval();
        }
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %.2f | %s | %s |", m.shape(), m.series(),
                m.epochMillis(), error(m.errorMillis(), "%.3f"), m.gigabytesPerSecond(), ratio, interval);
    }

    /** JMH reports no error (NaN) with fewer than three measured iterations. */
    private static String error(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private void appendPeers(StringBuilder md, List<String> notes, List<PeerOutcome> outcomes, RunConditions run) {
        List<Measurement> peers = all.stream().filter(Measurement::isPeer).toList();
        if (peers.isEmpty() && expected.peerShapes().isEmpty()) {
            return;
        }
        md.append("\n## Peers: time to reach the same loss (lambda = 0)\n\n");
        md.append("A peer that does not reach the target loss is timed at its epoch cap: its time is then no"
                + " time to the target. Ridgeline's gradient descent runs on "
                + (run.threads() == null ? "all processors" : run.ridgelineThreads()) + "; EJML forms A^T A"
                + " with its concurrent product (all processors) and solves on one thread; Tribuo trains on one"
                + " thread. Tribuo's epoch count is the fewest of 1, 2, 4, ... 32 that reach the target, refined"
                + " by bisection between the last two powers of two.\n\n");
        md.append("| shape | benchmark | ms per fit | ± ms | reaches the target loss? |\n|---|---|---:|---:|---|\n");
        for (String shape : expected.peerShapes()) {
            for (String benchmark : Expected.peerBenchmarks()) {
                Optional<Measurement> m = peers.stream()
                        .filter(p -> p.shape().equals(shape) && p.series().equals(benchmark)).findFirst();
                String reaches = outcomes.stream().filter(o -> o.shape().equals(shape) && o.benchmark().equals(benchmark))
                        .findFirst().map(PeerOutcome::text).orElse("not recorded");
                md.append(m.map(p -> String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s |%n", shape, benchmark,
                        p.epochMillis(), error(p.errorMillis(), "%.1f"), reaches))
                        .orElse(String.format(Locale.ROOT, "| %s | %s | missing | | %s |%n", shape, benchmark, reaches)));
            }
        }
        md.append('\n');
        // Every fork's setup writes its note: with two forks each line came twice.
        notes.stream().distinct().forEach(n -> md.append("- ").append(n).append('\n'));
    }
}
