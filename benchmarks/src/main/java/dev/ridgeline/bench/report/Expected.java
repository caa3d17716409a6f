package dev.ridgeline.bench.report;

import dev.ridgeline.bench.CsvReadBenchmark;
import dev.ridgeline.bench.CudaEpochBenchmark;
import dev.ridgeline.bench.PeerBenchmark;
import dev.ridgeline.bench.ScalarEpochBenchmark;
import dev.ridgeline.bench.UnfusedEpochBenchmark;
import dev.ridgeline.bench.VectorBindBenchmark;
import dev.ridgeline.bench.VectorEpochBenchmark;
import dev.ridgeline.bench.VectorRowKernelEpochBenchmark;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * What a run was to measure, so the report names every result that is missing instead of skipping it.
 * Shapes and peer shapes as run.sh ran them (or, without that, those in the results); the model counts
 * of each benchmark from its {@code @Param} defaults, or {@code manyModels} for the benchmarks run.sh
 * gives {@code -p models}; the bind benchmark at every shape; CUDA when run.sh included it (or results of it
 * are present); the CSV files ({@code csv} parameters) of the CSV read benchmark as run.sh ran them (or
 * those in the results); the arithmetic peak when run.sh ran the suite (or a result of it is present).
 */
record Expected(List<String> shapes, List<Integer> manyModels, boolean cuda, List<String> peerShapes,
        List<String> csvFiles, boolean peak) {
    /** One expected row of the epoch table. */
    record Row(String kind, String shape, int models) {
        String series() {
            return kind.equals(Measurement.STREAM) ? kind : kind + " K=" + models;
        }
    }

    /** Everything in the results, with each benchmark's default model counts. */
    static Expected from(List<Measurement> all) {
        List<String> shapes = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        List<String> csv = new ArrayList<>();
        for (Measurement m : all) {
            if (m.isPeak()) {
                continue;
            }
            List<String> to = m.isEpoch() || m.isBind() ? shapes : m.isPeer() ? peers : csv;
            if (!to.contains(m.shape())) {
                to.add(m.shape());
            }
        }
        return new Expected(shapes, null, all.stream().anyMatch(m -> m.kind().equals(Measurement.CUDA)), peers, csv,
                all.stream().anyMatch(Measurement::isPeak));
    }

    /** The epoch rows expected for a shape, in report order. */
    List<Row> rows(String shape) {
        List<Row> out = new ArrayList<>();
        out.add(new Row(Measurement.STREAM, shape, 0));
        params(ScalarEpochBenchmark.class, null).forEach(k -> out.add(new Row(Measurement.SCALAR, shape, k)));
        params(UnfusedEpochBenchmark.class, null).forEach(k -> out.add(new Row(Measurement.UNFUSED, shape, k)));
        params(VectorRowKernelEpochBenchmark.class, manyModels)
                .forEach(k -> out.add(new Row(Measurement.VECTOR_ROWS, shape, k)));
        params(VectorEpochBenchmark.class, manyModels).forEach(k -> out.add(new Row(Measurement.VECTOR, shape, k)));
        if (cuda) {
            params(CudaEpochBenchmark.class, manyModels).forEach(k -> out.add(new Row(Measurement.CUDA, shape, k)));
        }
        return out;
    }

    /**
     * The model counts of the bind benchmark at each expected shape: its own {@code @Param} default (K = 1),
     * since run.sh gives it no {@code -p models}.
     */
    List<Integer> bindModels() {
        return params(VectorBindBenchmark.class, null);
    }

    boolean expectsVector(int models) {
        return params(VectorEpochBenchmark.class, manyModels).contains(models);
    }

    /** The peer benchmark methods, sorted by name as JMH runs them. */
    static List<String> peerBenchmarks() {
        return Arrays.stream(PeerBenchmark.class.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName).sorted().toList();
    }

    /** The peer shape PeerBenchmark runs without {@code -p peerShape}. */
    static String defaultPeerShape() {
        try {
            return PeerBenchmark.Data.class.getField("peerShape").getAnnotation(Param.class).value()[0];
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CSV read benchmark methods: the baseline first, then the others by name. */
    static List<String> csvBenchmarks() {
        return Arrays.stream(CsvReadBenchmark.class.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName)
                .sorted(Comparator.comparing((String n) -> !n.equals(CsvReadBenchmark.BASELINE))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** The file CsvReadBenchmark reads without {@code -p csv}. */
    static String defaultCsvFile() {
        try {
            return CsvReadBenchmark.class.getField("csv").getAnnotation(Param.class).value()[0];
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> params(Class<?> benchmark, List<Integer> override) {
        if (override != null) {
            return override;
        }
        try {
            return Arrays.stream(benchmark.getField("models").getAnnotation(Param.class).value())
                    .map(Integer::parseInt).toList();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(benchmark + " has no models parameter", e);
        }
    }
}
