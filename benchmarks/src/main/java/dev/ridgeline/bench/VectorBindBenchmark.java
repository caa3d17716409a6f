package dev.ridgeline.bench;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.VectorBackend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What java-vector costs once, before its epochs run at {@link VectorEpochBenchmark}'s pace: bind the problem
 * (its worker threads and per-model state), take the first full-batch step, which makes the panel copy of X
 * where the shape suits it ({@code PanelPassKernel.suits(n, K)}) and the heap has room, and close. One op is
 * therefore the one-time cost plus one epoch. Same data, backend and threads as {@link VectorEpochBenchmark}.
 *
 * <p>Single shot: one op per iteration, each after an untimed {@code System.gc()}, so every copy allocates its
 * panels (as large as X) in a heap that holds X and no panels of earlier ops, as in a process that binds once.
 * A collection its own allocation causes is timed; one that earlier ops' garbage would cause is not. Warm-up
 * ops come first: the first binds of a JVM run colder code in a heap still growing (benchmarks/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VectorBindBenchmark {
    @Param({"1000000x64", "250000x256", "65536x1024", "16384x4096", "4096x64"})
    public String shape;

    /** The copy costs the same for any K, but K decides whether it is made; the first epoch grows with K. */
    @Param({"1"})
    public int models;

    private Problem problem;
    private VectorBackend backend;
    private StepRule rule;

    @Setup
    public void setUp() {
        problem = EpochState.problem(shape, models);
        backend = new VectorBackend();
        rule = BenchData.rule(models, problem.features());
    }

    /**
     * Before each op in single-shot mode, untimed: the panels of the op before are garbage, collected here.
     * {@code close()} waits for the workers to end ({@code BlockExecutor.close}): before it did, a worker not yet
     * out of its last task still reached the old panels, and on a busy machine (250,000 x 256, -Xmx3g) one
     * collection in about 20 and one in 33 kept them (507 -> 505 MB), so the next copy ran with both in the heap
     * (1.27 s among ops of 64-310 ms).
     */
    @Setup(Level.Iteration)
    public void collectEarlierPanels() {
        System.gc();
    }

    @Benchmark
    public PassStats bindAndFirstStep() {
        BoundProblem bound = backend.bind(problem);
        try {
            bound.step(rule, null);
            return bound.lastPass();
        } finally {
            bound.close();
        }
    }
}
