package dev.ridgeline.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.bench.CudaEpochBenchmark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads JMH's JSON result file into {@link Measurement}s (times in ms per epoch). */
final class JmhResults {
    private JmhResults() {
    }

    static List<Measurement> read(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(json + " is not a JMH JSON result array");
        }
        List<Measurement> out = new ArrayList<>();
        for (JsonNode result : root) {
            Measurement m = toMeasurement(result);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** The mean of each fork's measured iterations (JMH's rawData: one array per fork); empty without them. */
    static List<Double> forkMeans(JsonNode rawData) {
        List<Double> out = new ArrayList<>();
        for (JsonNode fork : rawData) {
            double sum = 0;
            int n = 0;
            for (JsonNode iteration : fork) {
                sum += iteration.asDouble();
                n++;
            }
            if (n > 0) {
                out.add(sum / n);
            }
        }
        return out;
    }

    /** The fastest measured iteration of any fork; NaN without raw data. */
    static double fastest(JsonNode rawData) {
        double best = Double.NaN;
        for (JsonNode fork : rawData) {
            for (JsonNode iteration : fork) {
                double t = iteration.asDouble();
                best = Double.isNaN(best) ? t : Math.min(best, t);
            }
        }
        return best;
    }

    private static Measurement toMeasurement(JsonNode r) throws IOException {
        String benchmark = r.path("benchmark").asText();
        String clazz = benchmark.substring(0, benchmark.lastIndexOf('.'));
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String simple = clazz.substring(clazz.lastIndexOf('.') + 1);
        JsonNode params = r.path("params");
        JsonNode metric = r.path("primaryMetric");
        if (!metric.path("scoreUnit").asText().equals("ms/op")) {
            throw new IOException(benchmark + ": expected ms/op, got " + metric.path("scoreUnit").asText());
        }
        double ms = metric.path("score").asDouble();
        // A missing error (a hand-made or merged file) is unknown, not zero: zero would let a verdict say met.
        double err = metric.path("scoreError").asDouble(Double.NaN);
        List<Double> forks = forkMeans(metric.path("rawData"));
        int models = params.path("models").asInt(1);
        String shape = params.path("shape").asText(params.path("peerShape").asText(""));
        switch (simple) {
            case "StreamingReadBenchmark":
                return new Measurement(Measurement.STREAM, Measurement.STREAM, shape, 0, ms, err, forks);
            case "ScalarEpochBenchmark":
                return new Measurement(Measurement.SCALAR, Measurement.SCALAR + " K=" + models, shape, models, ms, err,
                        forks);
            case "VectorEpochBenchmark":
                return new Measurement(Measurement.VECTOR, Measurement.VECTOR + " K=" + models, shape, models, ms, err,
                        forks);
            case "VectorRowKernelEpochBenchmark":
                return new Measurement(Measurement.VECTOR_ROWS, Measurement.VECTOR_ROWS + " K=" + models, shape, models,
                        ms, err, forks);
            case "VectorBindBenchmark":
                return new Measurement(Measurement.BIND, Measurement.BIND + " K=" + models, shape, models, ms, err,
                        forks);
            case "UnfusedEpochBenchmark":
                return new Measurement(Measurement.UNFUSED, Measurement.UNFUSED + " K=" + models, shape, models, ms,
                        err, forks);
            case "CudaEpochBenchmark":
                double per = CudaEpochBenchmark.EPOCHS_PER_OP;
                return new Measurement(Measurement.CUDA, Measurement.CUDA + " K=" + models, shape, models, ms / per, err / per,
                        forks.stream().map(f -> f / per).toList());
            case "PeerBenchmark":
                return new Measurement(Measurement.PEER, method, shape, 1, ms, err, forks);
            case "ArithmeticPeakBenchmark":
                return new Measurement(Measurement.PEAK, Measurement.PEAK, "", 0, ms, err, forks,
                        fastest(metric.path("rawData")));
            case "CsvReadBenchmark":
                return new Measurement(Measurement.CSV, method, params.path("csv").asText(""), 0, ms, err, forks);
            default:
                return null;
        }
    }
}
