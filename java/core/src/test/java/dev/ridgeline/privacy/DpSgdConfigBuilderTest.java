package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The builder names each setting, has the command line's defaults, and checks as the constructor does. */
class DpSgdConfigBuilderTest {
    @Test
    void theDefaultsAreTheCommandLinesAndEachSettingGoesWhereItIsNamed() {
        DpSgdConfig defaults = DpSgdConfig.builder().samplingRate(DpSgdConfig.rateFor(64, 354)).build();
        // SecureRandom by default, as --dp (a seeded run is not private).
        assertEquals(new DpSgdConfig(64.0 / 354, 1.0, 1.0, 5, 0.5, 1e-5, 42, true, RdpConversion.IMPROVED), defaults);
        DpSgdConfig named = DpSgdConfig.builder().samplingRate(0.1).noiseMultiplier(1.3).clipNorm(200).epochs(20)
                .learningRate(0.25).delta(1e-6).seed(7).secureRandom(false).conversion(RdpConversion.CLASSIC).build();
        assertEquals(new DpSgdConfig(0.1, 1.3, 200, 20, 0.25, 1e-6, 7, false, RdpConversion.CLASSIC), named);
    }

    @Test
    void aMissingSamplingRateAndABadSettingAreNamed() {
        assertEquals("DP sampling rate not set: samplingRate(DpSgdConfig.rateFor(batch, rows))",
                assertThrows(IllegalArgumentException.class, () -> DpSgdConfig.builder().build()).getMessage());
        assertEquals("DP clipping norm must be a finite number > 0, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> DpSgdConfig.builder().samplingRate(0.5).clipNorm(-1).build())
                .getMessage());
    }

    /** A subnormal clipping norm is refused; float32's smallest normal one is the least taken. */
    @Test
    void aClippingNormAmongFloatSubnormalsIsRefused() {
        assertEquals("DP clipping norm must be at least 1.17549435E-38 (float32's smallest normal number: the clipped"
                + " gradients are summed in float32), got 1.0E-320", assertThrows(IllegalArgumentException.class,
                () -> DpSgdConfig.builder().samplingRate(0.5).clipNorm(1e-320).build()).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DpSgdConfig.builder().samplingRate(0.5).clipNorm(Float.MIN_NORMAL / 2).build());
        assertEquals(Float.MIN_NORMAL, DpSgdConfig.builder().samplingRate(0.5).clipNorm(Float.MIN_NORMAL).build()
                .clipNorm());
    }
}
