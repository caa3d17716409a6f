package dev.ridgeline.bench;

import dev.ridgeline.engine.java.VectorBackend;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic ceiling, as {@link StreamingRead} is the memory one: on every thread the epochs use, 12
 * independent chains of float vector FMAs in registers, nothing loaded or stored, so the time is the FMA
 * throughput alone. Twelve chains cover an FMA's latency times the FMA pipes of current x86 cores (4-5 cycles
 * x 2 pipes; a core with four FMA pipes would need 16, and its peak would read low); four rounds of the twelve per loop iteration keep the loop's own instructions out of
 * the way (one round per iteration reached 1.6 vector FMAs per ns on a Zen 1 core, four 2.3, where a C loop
 * reached 2.46).
 */
public final class ArithmeticPeak {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int CHAINS = 12;
    static final int ROUNDS = 4;
    /** Loop iterations per thread and run: 50 M vector FMAs, about 20 ms on a Zen 1 core. */
    static final int ITERATIONS = 1 << 20;
    /**
     * Calls of {@link #chains} per thread and run, each a 64th of the iterations. A call runs at the speed of
     * the code it started in, and the first calls start before the JIT has compiled the vector loop: with one
     * call of all the iterations the first op of every fork took 1.0-1.3 s against 11-24 ms later (8 forks; up to
     * 2.1 s on a loaded host), and in one fork of a full run (2026-12-06) every op did (1.4 G multiply-adds a
     * second against 115 in the other). With 64 calls the first op took 17-34 ms (JMH, 8 + 6 forks,
     * benchmarks/README.md, "A slow first fork of the arithmetic peak").
     */
    static final int CALLS = 64;

    private ArithmeticPeak() {
    }

    /** Float multiply-adds one {@link #run} does on {@code threads} threads: threads x 12 x 4 x iterations x L. */
    public static long multiplyAdds(int threads) {
        return (long) threads * CHAINS * ROUNDS * ITERATIONS * SPECIES.length();
    }

    /** The float lanes of one vector (L). */
    public static int lanes() {
        return SPECIES.length();
    }

    /** The chains on {@code threads} threads at once (a parallel stream, as the streaming read); the sum of their values. */
    public static double run(int threads) {
        return EpochThreads.run(() -> IntStream.range(0, threads).parallel().mapToDouble(ArithmeticPeak::calls).sum());
    }

    /** The threads an epoch uses, so the peak is the one those epochs could reach. */
    public static int threads() {
        return VectorBackend.defaultThreads();
    }

    /** {@link #CALLS} calls of the chains, {@link #ITERATIONS} iterations in all; the sum of their values. */
    static double calls(int thread) {
        double sum = 0;
        for (int c = 0; c < CALLS; c++) {
            sum += chains(ITERATIONS / CALLS, thread + c);
        }
        return sum;
    }

    /**
     * Shape: 12 vectors of L floats, each updated a = a m + c four times per iteration (m just below 1, so the
     * values stay near 1 and never become subnormal); returns the sum of their lanes, so nothing is dead code.
     * Written out: a vector passed to a call the compiler does not inline is boxed (benchmarks/README.md).
     */
    static double chains(int iterations, float seed) {
        FloatVector m = FloatVector.broadcast(SPECIES, 0.9999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, seed);
        FloatVector a1 = a0.add(1);
        FloatVector a2 = a0.add(2);
        FloatVector a3 = a0.add(3);
        FloatVector a4 = a0.add(4);
        FloatVector a5 = a0.add(5);
        FloatVector a6 = a0.add(6);
        FloatVector a7 = a0.add(7);
        FloatVector a8 = a0.add(8);
        FloatVector a9 = a0.add(9);
        FloatVector a10 = a0.add(10);
        FloatVector a11 = a0.add(11);
        for (int i = 0; i < iterations; i++) {
            for (int r = 0; r < ROUNDS; r++) {
                a0 = a0.fma(m, c);
                a1 = a1.fma(m, c);
                a2 = a2.fma(m, c);
                a3 = a3.fma(m, c);
                a4 = a4.fma(m, c);
                a5 = a5.fma(m, c);
                a6 = a6.fma(m, c);
                a7 = a7.fma(m, c);
                a8 = a8.fma(m, c);
                a9 = a9.fma(m, c);
                a10 = a10.fma(m, c);
                a11 = a11.fma(m, c);
            }
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
