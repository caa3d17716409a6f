package dev.ridgeline.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes summary.md: the run's conditions, every epoch measurement with its bandwidth, targets, peers. */
final class SummaryWriter {
    private final List<Measurement> all;

    SummaryWriter(List<Measurement> all) {
        this.all = all;
    }

    String markdown(RunConditions run, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("# Ridgeline benchmark summary\n\n");
        md.append("- date (UTC): ").append(run.date()).append('\n');
        md.append("- command: `").append(run.command()).append("`\n");
        md.append("- machine: ").append(run.machine()).append('\n');
        md.append("- JVM: ").append(run.jvm()).append('\n');
        md.append("- load (`uptime`) before: ").append(run.loadBefore()).append('\n');
        md.append("- load (`uptime`) after: ").append(run.loadAfter()).append('\n');
        md.append("\nRatios compare measurements of this one run. On a shared machine absolute times are noise;"
                + " a load above the core count means other work competed for the cores during the run.\n");
        md.append("\n## One epoch (full batch) per backend\n\n");
        md.append("Effective GB/s = bytes of X (m x n x 4) / epoch time. The unfused epoch physically reads X"
                + " twice; its effective figure still divides the bytes of ONE read, so it compares with the"
                + " others.\n\n");
        md.append("| shape (m x n) | what | epoch ms | ± ms | effective GB/s | / streaming read |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        for (Measurement m : Measurement.inReportOrder(all)) {
            if (m.isEpoch()) {
                md.append(epochRow(m)).append('\n');
            }
        }
        md.append("\n## Targets (vector backend)\n\n| target | shape | measured | |\n|---|---|---:|---|\n");
        new Targets(all).rows().forEach(r -> md.append(r).append('\n'));
        appendPeers(md, notes);
        return md.toString();
    }

    private String epochRow(Measurement m) {
        Optional<Measurement> stream = all.stream()
                .filter(s -> s.kind().equals(Measurement.STREAM) && s.shape().equals(m.shape())).findFirst();
        String ratio = stream.map(s -> String.format(Locale.ROOT, "%.2f", s.epochMillis() / m.epochMillis()))
                .orElse("n/a");
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %.2f | %s |", m.shape(), m.series(),
                m.epochMillis(), error(m.errorMillis(), "%.3f"), m.gigabytesPerSecond(), ratio);
    }

    /** JMH reports no error (NaN) with fewer than three measured iterations. */
    private static String error(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private void appendPeers(StringBuilder md, List<String> notes) {
        List<Measurement> peers = all.stream().filter(m -> !m.isEpoch()).toList();
        if (peers.isEmpty()) {
            return;
        }
        md.append("\n## Peers: time to reach the same loss (lambda = 0)\n\n");
        md.append("| shape | benchmark | ms per fit | ± ms |\n|---|---|---:|---:|\n");
        for (Measurement m : peers) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |%n", m.shape(), m.series(),
                    m.epochMillis(), error(m.errorMillis(), "%.1f")));
        }
        md.append('\n');
        // Every fork's setup writes its note: with two forks each line came twice.
        notes.stream().distinct().forEach(n -> md.append("- ").append(n).append('\n'));
    }
}
