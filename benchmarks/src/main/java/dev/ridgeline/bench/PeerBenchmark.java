package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.VectorBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to reach the same loss on the same data, lambda = 0 (Tribuo's linear SGD has no L2 term).
 * The target is J* x {@value #TARGET_FACTOR}, J* from EJML's exact solve. Ridgeline runs gradient
 * descent until it gets there; Tribuo trains for the fewest epochs (1, 2, 4, ... 32, found in setup)
 * that get there, or for 32 when none does; the loss each one reached is written to the notes file
 * named by the system property {@code ridgeline.bench.notes}, so the report can say so.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PeerBenchmark {
    static final double TARGET_FACTOR = 1.01;
    private static final int MAX_TRIBUO_EPOCHS = 32;
    private static final int MAX_GD_EPOCHS = 10_000;

    @Param({"65536x64"})
    public String peerShape;

    private Problem problem;
    private EjmlRidge ejml;
    private TribuoSgd tribuo;
    private VectorBackend vector;
    private double target;
    private int tribuoEpochs;

    @Setup
    public void setUp() {
        Shape s = Shape.parse(peerShape);
        DenseMatrix x = BenchData.features(s, BenchData.SEED);
        float[] y = BenchData.target(x, BenchData.SEED);
        problem = Problem.builder(x).model(y, null, 0.0).build();
        ejml = new EjmlRidge(x, y, 0.0);
        target = TARGET_FACTOR * loss(x, y, ejml.solve());
        vector = new VectorBackend();
        tribuo = new TribuoSgd(x, y);
        double reached = Double.NaN;
        for (tribuoEpochs = 1; tribuoEpochs <= MAX_TRIBUO_EPOCHS; tribuoEpochs *= 2) {
            reached = tribuo.loss(tribuo.train(tribuoEpochs));
            if (reached <= target || tribuoEpochs == MAX_TRIBUO_EPOCHS) {
                break;
            }
        }
        int gdEpochs = RidgelineToLoss.fit(vector, problem, target, MAX_GD_EPOCHS);
        note(String.format(Locale.ROOT, "peers %s: target J = %.6g (J* x %.2f); ridgeline java-vector reaches it"
                + " in %d epochs; tribuo linear SGD %d epochs reach J = %.6g%s", peerShape, target, TARGET_FACTOR,
                gdEpochs, tribuoEpochs, reached, reached <= target ? "" : " (target NOT reached)"));
    }

    @Benchmark
    public double[] ejmlNormalEquations() {
        return ejml.solve();
    }

    @Benchmark
    public int ridgelineVectorToTarget() {
        int epochs = RidgelineToLoss.fit(vector, problem, target, MAX_GD_EPOCHS);
        if (epochs < 0) {
            throw new IllegalStateException("gradient descent did not reach the target loss");
        }
        return epochs;
    }

    @Benchmark
    public Object tribuoLinearSgd() {
        return tribuo.train(tribuoEpochs);
    }

    /** J = 1/(2m) sum (x . theta + b - y)^2 for solution [theta; b]. */
    static double loss(DenseMatrix x, float[] y, double[] solution) {
        int n = x.cols();
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) {
            double r = solution[n] - y[i];
            for (int j = 0; j < n; j++) {
                r += solution[j] * x.get(i, j);
            }
            sum += r * r;
        }
        return sum / (2.0 * x.rows());
    }

    private static void note(String line) {
        String file = System.getProperty("ridgeline.bench.notes");
        if (file == null) {
            System.out.println(line);
            return;
        }
        try {
            Files.writeString(Path.of(file), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write benchmark notes to " + file, e);
        }
    }
}
