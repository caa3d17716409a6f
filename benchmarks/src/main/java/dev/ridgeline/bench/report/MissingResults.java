package dev.ridgeline.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results a run was to measure ({@link Expected}) and has none of: every epoch row, bind, peer and CSV
 * read, and the arithmetic peak. The summary lists each as "missing"; the report also fails on them, so that
 * a benchmark that stops producing a result (renamed, a parameter dropped, a pattern in run.sh that no
 * longer matches) fails the quick run CI makes instead of leaving a green run with a hole in its table.
 */
final class MissingResults {
    private MissingResults() {
    }

    /** One line per missing result, in report order ("1000x256 java-vector K=8"); empty when none is missing. */
    static List<String> of(List<Measurement> all, Expected expected) {
        List<String> out = new ArrayList<>();
        for (String shape : expected.shapes()) {
            for (Expected.Row row : expected.rows(shape)) {
                if (absent(all, row.kind(), shape, row.models())) {
                    out.add(shape + " " + row.series());
                }
            }
            for (int k : expected.bindModels()) {
                if (absent(all, Measurement.BIND, shape, k)) {
                    out.add(String.format(Locale.ROOT, "%s %s K=%d", shape, Measurement.BIND, k));
                }
            }
        }
        if (expected.peak() && all.stream().noneMatch(Measurement::isPeak)) {
            out.add(Measurement.PEAK);
        }
        for (String shape : expected.peerShapes()) {
            for (String benchmark : Expected.peerBenchmarks()) {
                if (absentSeries(all, Measurement.PEER, shape, benchmark)) {
                    out.add(shape + " peer " + benchmark);
                }
            }
        }
        for (String file : expected.csvFiles()) {
            for (String read : Expected.csvBenchmarks()) {
                if (absentSeries(all, Measurement.CSV, file, read)) {
                    out.add(file + " csv read " + read);
                }
            }
        }
        return out;
    }

    private static boolean absent(List<Measurement> all, String kind, String shape, int models) {
        return all.stream().noneMatch(m -> m.kind().equals(kind) && m.shape().equals(shape) && m.models() == models);
    }

    private static boolean absentSeries(List<Measurement> all, String kind, String shape, String series) {
        return all.stream().noneMatch(m -> m.kind().equals(kind) && m.shape().equals(shape) && m.series().equals(series));
    }
}
