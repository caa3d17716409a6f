package dev.ridgeline.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The FMA throughput of this JVM on every thread the epochs use ({@link ArithmeticPeak}): the arithmetic
 * ceiling the report sets beside the epochs. Its work per operation goes to {@value PeakWork#FILE} beside
 * the notes file named by {@code ridgeline.bench.notes} (to standard output without it): JMH records only
 * the time, and the multiply-adds depend on the thread count and the vector width of the JVM that ran it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ArithmeticPeakBenchmark {
    private int threads;

    @Setup
    public void setUp() {
        threads = ArithmeticPeak.threads();
        PeakWork work = new PeakWork(threads, ArithmeticPeak.lanes(), ArithmeticPeak.multiplyAdds(threads));
        BenchNotes.beside(PeakWork.FILE, work.toLine());
    }

    @Benchmark
    public double peak() {
        return ArithmeticPeak.run(threads);
    }
}
