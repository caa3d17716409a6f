package dev.ridgeline.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuDescriptionTest {
    @Test
    void namesTheFirstProcessorsModelFamilyAndVectorWidth() {
        List<String> cpuinfo = List.of(
                "processor\t: 0",
                "vendor_id\t: AuthenticAMD",
                "cpu family\t: 26",
                "model\t\t: 2",
                "model name\t: AMD EPYC   9B45",
                "flags\t\t: fpu avx2 avx512f avx512dq",
                "",
                "processor\t: 1",
                "cpu family\t: 6",
                "model\t\t: 85",
                "model name\t: Another",
                "flags\t\t: fpu avx2");
        assertEquals(Optional.of("AMD EPYC 9B45 (family 26, model 2), AVX-512"), CpuDescription.of(cpuinfo));
    }

    @Test
    void saysWhenTheProcessorLacksAvx512() {
        List<String> cpuinfo = List.of("cpu family\t: 6", "model\t\t: 85", "model name\t: Intel Xeon",
                "flags\t\t: fpu avx2 fma");
        assertEquals(Optional.of("Intel Xeon (family 6, model 85), no AVX-512"), CpuDescription.of(cpuinfo));
    }

    @Test
    void isEmptyWithoutAModelName() {
        assertEquals(Optional.empty(), CpuDescription.of(List.of("processor\t: 0", "flags\t\t: fpu")));
        assertEquals(Optional.empty(), CpuDescription.of(List.of()));
    }
}
