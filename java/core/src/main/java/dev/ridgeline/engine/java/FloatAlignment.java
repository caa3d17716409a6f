package dev.ridgeline.engine.java;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Function;

/**
 * The index of the first float of a float[] that sits on a 64-byte boundary, in every array of this JVM,
 * or 0 when the JVM does not say. The panel kernel starts its panels and lane sums there, so that no
 * 512-bit load or store straddles two cache lines.
 *
 * <p>Java places an array's elements right after its header, and objects start on multiples of
 * {@code -XX:ObjectAlignmentInBytes} (8 by default): element 0 then sits anywhere modulo 64, and most
 * vector accesses of a sweep touch two cache lines. Started with {@code -XX:ObjectAlignmentInBytes=64},
 * a JVM puts every array on a 64-byte boundary, so element (64 - header) / 4 is on one too. That is an
 * opt-in for a JVM that trains (it pads every object to 64 bytes, and the launcher does not pass it):
 * the sweeps alone run 1.12x-1.32x faster aligned (one thread, data in L1 and L2); K = 8 full-batch
 * epochs 1.13x-1.27x at n = 64 (four rounds) and 1.01x-1.26x at n = 256 (five rounds; 2 threads, best
 * of 20-40, 3-6 alternations per round); on JDK 25 1.07x-1.09x (medians of one round). On rows of 768
 * to 1,024 features the flag once made epochs erratic (best of 20 from 23 to 60 ms from one JVM to the next),
 * which vectors boxed by the kernel caused, since removed: in the suite's aligned run of 2026-12-07 eight
 * models ran 1.06x-1.17x faster than in two default runs at 1,000,000 x 64 to 65,536 x 1,024
 * (benchmarks/runs.md), while FastCSV's records, small objects padded to 64 bytes, took 1.2x as long.
 * K = 1, which waits for memory, moved within noise.
 *
 * <p>The header size follows from the VM's flags (HotSpot: 16 bytes with compressed class pointers, 12
 * with compact object headers); any other layout, or a VM without these options, gets 0. The flags are
 * read once, through the diagnostic MXBean, at the first panel pass (30-70 ms here).
 */
final class FloatAlignment {
    /** Bytes of a cache line, the alignment wanted. */
    static final int LINE = 64;
    /** The first 64-byte-aligned index of every float[] here, or 0 (see the class comment). */
    static final int FIRST = firstAligned(FloatAlignment::vmOption);

    private FloatAlignment() {
    }

    /**
     * The first aligned float index for a VM whose flags {@code option} gives (null for a flag the VM
     * lacks): (64 - header) / 4 when objects start on multiples of 64 bytes and the header size is known,
     * else 0.
     */
    static int firstAligned(Function<String, String> option) {
        String alignment = option.apply("ObjectAlignmentInBytes");
        int bytes;
        try {
            bytes = alignment == null ? 0 : Integer.parseInt(alignment.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
        if (bytes < LINE || bytes % LINE != 0) {
            return 0;
        }
        int header;
        if ("true".equals(option.apply("UseCompactObjectHeaders"))) {
            header = 12;
        } else if ("true".equals(option.apply("UseCompressedClassPointers"))) {
            header = 16;
        } else {
            return 0;
        }
        return (LINE - header) / Float.BYTES;
    }

    /** Whether arrays here have their {@link #FIRST} element on a 64-byte boundary. */
    static boolean aligned() {
        return FIRST != 0;
    }

    /** The value of a HotSpot flag, or null where the VM has no such flag or no diagnostic bean. */
    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
