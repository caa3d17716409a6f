package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The streaming-read baseline: one SIMD, multi-threaded read of the same X bytes an epoch reads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StreamingReadBenchmark {
    @Param({"1000000x64", "250000x256", "65536x1024", "16384x4096", "4096x64"})
    public String shape;

    private DenseMatrix x;

    @Setup
    public void setUp() {
        x = BenchData.features(Shape.parse(shape), BenchData.SEED);
    }

    @Benchmark
    public double read() {
        return StreamingRead.sum(x);
    }
}
