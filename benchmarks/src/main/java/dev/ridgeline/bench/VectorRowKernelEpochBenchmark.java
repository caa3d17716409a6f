package dev.ridgeline.bench;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.VectorBackend;
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
 * The vector backend without its panel copy of X ({@link VectorBackend#PANELS_PROPERTY} false): the row
 * kernel, which full-batch passes use where the copy does not fit or does not pay; mini-batches always.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VectorRowKernelEpochBenchmark {
    @Param({"1000000x64", "250000x256", "65536x1024", "16384x4096", "4096x64"})
    public String shape;

    @Param({"1", "8"})
    public int models;

    private BoundProblem bound;
    private StepRule rule;

    @Setup
    public void setUp() {
        Problem p = EpochState.problem(shape, models);
        bound = new VectorBackend(VectorBackend.defaultThreads(), false).bind(p);
        rule = BenchData.rule(models, p.features());
        // No panel copy here, but the first step still runs before C2 has compiled the kernel: done here,
        // as in VectorEpochBenchmark, so that every warm-up iteration times the same kind of epochs.
        bound.step(rule, null);
    }

    @TearDown
    public void tearDown() {
        bound.close();
    }

    @Benchmark
    public PassStats epoch() {
        bound.step(rule, null);
        return bound.lastPass();
    }
}
