package dev.ridgeline.bench;

import dev.ridgeline.engine.Problem;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The unfused two-pass epoch (X.theta, then X^T r), SIMD and multi-threaded: the baseline to beat. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UnfusedEpochBenchmark {
    @Param({"1000000x64", "250000x256", "65536x1024", "16384x4096", "4096x64"})
    public String shape;

    @Param({"1"})
    public int models;

    private UnfusedEpoch epoch;

    @Setup
    public void setUp() {
        Problem p = EpochState.problem(shape, models);
        epoch = new UnfusedEpoch(p, BenchData.rule(1, p.features()).learningRate(0));
    }

    @Benchmark
    public double epoch() {
        return epoch.epoch();
    }
}
