package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * Lane sums must not depend on whether the JIT has compiled the code: the vector backend promises the same
 * bits on every run. (reduceLanes(ADD) broke this on JDK 25, where the compiled order differs.)
 */
class LaneSumTest {
    @Test
    void laneSumIsAFixedPairwiseTreeBeforeAndAfterCompilation() {
        SplittableRandom rng = new SplittableRandom(11);
        float[] values = new float[GroupLoops.LANES];
        for (int i = 0; i < values.length; i++) {
            // Magnitudes spread over eight decades, so that a different order changes the rounding.
            values[i] = (float) ((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(8)));
        }
        float expected = pairwise(values, 0, values.length);
        FloatVector d = FloatVector.fromArray(GroupLoops.SPECIES, values, 0);
        float[] buffer = GroupLoops.laneBuffer();
        // Enough calls for the JIT to compile laneSum; every result must keep the same bits.
        for (int call = 0; call < 200_000; call++) {
            float sum = GroupLoops.laneSum(d, buffer, WorkerPadding.PAD);
            if (Float.floatToRawIntBits(sum) != Float.floatToRawIntBits(expected)) {
                assertEquals(expected, sum, 0.0f, "call " + call);
            }
        }
    }

    /** ((v0 + v1) + (v2 + v3)) + ... over v[from .. from + count), count a power of two. */
    private static float pairwise(float[] v, int from, int count) {
        if (count == 1) {
            return v[from];
        }
        int half = count / 2;
        return pairwise(v, from, half) + pairwise(v, from + half, half);
    }
}
