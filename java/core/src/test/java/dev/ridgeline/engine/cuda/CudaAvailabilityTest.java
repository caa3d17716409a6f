package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.Backends;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The availability rules on a fake driver, and the real provider on this machine. */
class CudaAvailabilityTest {
    private static final KernelImage KERNELS_13_0 = new KernelImage(new byte[] {1}, "13.0", 13000);

    private record FakeProbe(String initFailure, int devices, int driver, Optional<KernelImage> kernels)
            implements CudaAvailability.Probe {
        @Override
        public String initDriver() {
            return initFailure;
        }

        @Override
        public int deviceCount() {
            return devices;
        }

        @Override
        public int driverVersion() {
            return driver;
        }

        @Override
        public String deviceName() {
            return "Fake GPU";
        }
    }

    @Test
    void libcudaMissingIsReportedFirst() {
        Availability a = CudaAvailability.check(new FakeProbe("libcuda not loadable (no NVIDIA driver?): x", 0, 0,
                Optional.empty()));
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("libcuda not loadable"), a.reason());
    }

    @Test
    void jcudaLoadFailureBecomesOneLineNamingLibcuda() {
        String jcuda = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: "
                + "cannot open shared object file: No such file or directory\n\tat java.base/...";
        assertEquals("libcuda not loadable: libcuda.so.1: cannot open shared object file: No such file or directory"
                + " (is the NVIDIA driver installed?)", DriverProbe.loadFailureReason(jcuda));
        assertEquals("libcuda not loadable: something else", DriverProbe.loadFailureReason("something else\nmore"));
    }

    @Test
    void noDevice() {
        Availability a = CudaAvailability.check(new FakeProbe(null, 0, 13000, Optional.of(KERNELS_13_0)));
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("no CUDA device"), a.reason());
    }

    @Test
    void kernelsMissingFromTheJar() {
        Availability a = CudaAvailability.check(new FakeProbe(null, 1, 13000, Optional.empty()));
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("kernels not built into this jar"), a.reason());
    }

    @Test
    void driverOlderThanTheToolkitThatBuiltTheKernels() {
        Availability a = CudaAvailability.check(new FakeProbe(null, 1, 12040, Optional.of(KERNELS_13_0)));
        assertFalse(a.available());
        assertEquals("driver too old for the kernels: the driver supports CUDA 12.4, the kernels were built with "
                + "CUDA 13.0 and need a driver for CUDA 13.0 or newer", a.reason());
    }

    @Test
    void everythingPresent() {
        Availability a = CudaAvailability.check(new FakeProbe(null, 2, 13010, Optional.of(KERNELS_13_0)));
        assertTrue(a.available());
        assertEquals("CUDA on Fake GPU (driver CUDA 13.1, kernels built with CUDA 13.0)", a.reason());
    }

    @Test
    void withoutAGpuTheProviderSaysWhyInOneLineAndAutoFallsBack() {
        Availability a = new CudaBackendProvider().availability();
        assumeFalse(a.available(), "a usable GPU is present: " + a.reason());
        assertFalse(a.reason().contains("\n"), a.reason());
        assertTrue(a.reason().startsWith("libcuda not loadable") || a.reason().startsWith("no CUDA device")
                || a.reason().startsWith("kernels not built") || a.reason().startsWith("driver too old")
                || a.reason().startsWith("the CUDA driver does not initialise"), a.reason());
        BackendChoice auto = Backends.select("auto");
        assertFalse(auto.backend().name().equals("cuda"));
        assertTrue(auto.reason().contains("cuda unavailable: " + a.reason()), auto.reason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda"));
        assertTrue(e.getMessage().contains(a.reason()), e.getMessage());
    }
}
