package dev.ridgeline.bench.report;

import dev.ridgeline.bench.PeakWork;
import dev.ridgeline.bench.Shape;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "Arithmetic ceiling" section of summary.md, the counterpart of the streaming read for arithmetic: the
 * FMA rate of {@code ArithmeticPeakBenchmark} on the epochs' threads, and for each vector epoch the time its
 * 2 K m n multiply-adds (the dot products and the gradient) would take at that rate, the floor below which no
 * loop of this JVM goes. For K = 8 it gives the share of the peak an epoch would need to take at most twice
 * the time of one model: above 100 % more than the peak loop reached, though only a point estimate against a
 * loop that can run below the hardware's peak, so it says the target is out of reach only well above 100 %.
 * Left out when the peak was neither expected nor measured.
 */
final class ArithmeticCeilingSection {
    private final List<Measurement> all;
    private final Expected expected;
    private final List<PeakWork> work;

    ArithmeticCeilingSection(List<Measurement> all, Expected expected, List<PeakWork> work) {
        this.all = all;
        this.expected = expected;
        this.work = work;
    }

    void appendTo(StringBuilder md, boolean smoke) {
        Optional<Measurement> peak = all.stream().filter(Measurement::isPeak).findFirst();
        if (!expected.peak() && peak.isEmpty()) {
            return;
        }
        md.append("\n## Arithmetic ceiling\n\n");
        if (peak.isEmpty()) {
            md.append("The arithmetic peak (`ArithmeticPeakBenchmark`) has no result in this run: missing.\n");
            return;
        }
        if (work.isEmpty()) {
            md.append("The arithmetic peak ran, but what it did was not recorded (" + PeakWork.FILE
                    + " beside the notes): no rate.\n");
            return;
        }
        PeakWork w = work.get(0);
        Measurement p = peak.get();
        // A ceiling is what the machine can do; neighbours on a shared host only slow an iteration down, so the
        // floors rest on the fastest iteration (the mean, when the raw iterations are unknown).
        boolean fastestKnown = !Double.isNaN(p.fastestMillis());
        double perSecond = w.multiplyAdds() / ((fastestKnown ? p.fastestMillis() : p.epochMillis()) * 1e-3);
        String which = fastestKnown
                ? String.format(Locale.ROOT, " in its fastest measured iteration (%.1f G/s over all of them)",
                        w.multiplyAdds() / (p.epochMillis() * 1e-3) / 1e9)
                : " (the mean of its iterations)";
        md.append(String.format(Locale.ROOT, "`ArithmeticPeakBenchmark` runs 12 independent chains of float vector"
                + " FMAs (%d lanes, nothing loaded or stored) on %s the epochs use: the"
                + " multiply-adds a second a plain Vector API loop reaches in this JVM, %.1f G/s%s. An epoch of K"
                + " models does 2 K m n multiply-adds (the dot products and the gradient); at the peak they take"
                + " the floor below, and the floor over the epoch's time is the share of the peak the epoch runs"
                + " at. One model waits for memory; eight do eight times its arithmetic. The last column is the"
                + " share of the peak an epoch of eight models would need to take at most twice the time of one"
                + " model measured here, its loads and stores besides: above 100 %%, more than this loop reached."
                + " Both shares are point estimates (one model's time has its own error, in the epoch table), and"
                + " the loop can run below the hardware's peak (about 9 %% below a C loop's on an AVX2 host), so a"
                + " share a little above 100 %% does not put the target out of every kernel's reach.", w.lanes(), w.threads() == 1 ? "the one thread" : "each of the "
                        + w.threads() + " threads", perSecond / 1e9, which));
        if (smoke) {
            md.append(" A quick run: a few short iterations; the figures only show that the benchmark and the"
                    + " report work.");
        }
        md.append("\n\n| shape (m x n) | what | epoch ms | G multiply-adds | floor ms | share of the peak"
                + " | K=8 <= 2 x K=1 asks for |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (String shape : expected.shapes()) {
            List<Measurement> vector = all.stream()
                    .filter(m -> m.kind().equals(Measurement.VECTOR) && m.shape().equals(shape))
                    .sorted(Comparator.comparingInt(Measurement::models)).toList();
            Optional<Measurement> one = vector.stream().filter(m -> m.models() == 1).findFirst();
            for (Measurement m : vector) {
                double floorMillis = multiplyAdds(shape, m.models()) / perSecond * 1e3;
                String asks = m.models() != 8 ? "" : one.map(o -> String.format(Locale.ROOT, "%.0f %%",
                        100 * floorMillis / (2 * o.epochMillis()))).orElse("n/a (no K=1)");
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3g | %.3f | %.0f %% | %s |%n", shape,
                        m.series(), m.epochMillis(), multiplyAdds(shape, m.models()) / 1e9, floorMillis,
                        100 * floorMillis / m.epochMillis(), asks));
            }
        }
    }

    /** 2 K m n: a dot product and a gradient term per model and element of X. */
    static double multiplyAdds(String shape, int models) {
        Shape s = Shape.parse(shape);
        return 2.0 * models * s.rows() * (double) s.cols();
    }
}
