package dev.ridgeline.bench;

import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CUDA backend, found through {@link Backends} by name (its provider is loaded by class name).
 * {@code run.sh} includes this benchmark only when the provider says it is available. Each op runs
 * {@link #EPOCHS_PER_OP} epochs in one host call (the backend's batched form) and reads the last pass
 * back, so the time per op divided by that count is the time of one epoch. That count is the backend's
 * suggested monitor interval, the epochs a Trainer asks of it per call: two CUDA graphs of 8 epochs, as
 * training launches them (10 had been one graph and two epochs launched one by one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CudaEpochBenchmark {
    public static final int EPOCHS_PER_OP = 16;

    @Param({"1000000x64", "250000x256", "65536x1024", "16384x4096", "4096x64"})
    public String shape;

    @Param({"1", "8", "32"})
    public int models;

    private BoundProblem bound;
    private StepRule rule;

    @Setup
    public void setUp() {
        BackendChoice choice = Backends.select("cuda");
        Problem p = EpochState.problem(shape, models);
        bound = choice.backend().bind(p);
        int suggested = bound.suggestedMonitorInterval();
        if (suggested != EPOCHS_PER_OP) {
            bound.close();
            throw new IllegalStateException("cuda suggests " + suggested + " epochs per call, the benchmark times "
                    + EPOCHS_PER_OP + ": make them agree");
        }
        rule = BenchData.rule(models, p.features());
    }

    @TearDown
    public void tearDown() {
        bound.close();
    }

    @Benchmark
    public double epochs() {
        bound.steps(rule, EPOCHS_PER_OP);
        return bound.lastPass().loss(0);
    }
}
