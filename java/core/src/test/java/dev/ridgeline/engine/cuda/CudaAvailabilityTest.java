package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.testing.GpuTestMain;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The availability rules on a fake driver, and the real provider on this machine. */
class CudaAvailabilityTest {
    /** What native/build-fatbin.sh records for the flags in native/nvcc-flags.txt. */
    private static final List<String> BUILT = List.of("sm_80", "sm_86", "sm_89", "sm_90", "compute_90");
    private static final KernelImage KERNELS_13_0 = new KernelImage(new byte[] {1}, "13.0", 13000, BUILT);

    private record FakeProbe(String initFailure, int devices, int driver, Optional<KernelImage> kernels,
                             int computeCapability, int computeMode) implements CudaAvailability.Probe {
        /** An sm_90 device. */
        FakeProbe(String initFailure, int devices, int driver, Optional<KernelImage> kernels) {
            this(initFailure, devices, driver, kernels, 90);
        }

        /** A device in the default compute mode. */
        FakeProbe(String initFailure, int devices, int driver, Optional<KernelImage> kernels, int computeCapability) {
            this(initFailure, devices, driver, kernels, computeCapability, 0);
        }

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

    /** A GPU no process may use is unavailable, so auto does not choose it; exclusive-process is named. */
    @Test
    void aProhibitedGpuIsUnavailableAndAnExclusiveOneIsNamed() {
        Availability prohibited = CudaAvailability.check(inMode(2));
        assertFalse(prohibited.available());
        assertEquals("the GPU's compute mode is prohibited: no process may use it (nvidia-smi --compute-mode sets"
                + " it)", prohibited.reason());
        Availability exclusive = CudaAvailability.check(inMode(3));
        assertTrue(exclusive.available());
        assertEquals("CUDA on Fake GPU (driver CUDA 13.0, kernels built with CUDA 13.0; exclusive-process compute"
                + " mode: one process at a time)", exclusive.reason());
        assertEquals("CUDA on Fake GPU (driver CUDA 13.0, kernels built with CUDA 13.0)",
                CudaAvailability.check(inMode(0)).reason());
    }

    /** An sm_90 device with the kernels, in the given compute mode. */
    private static CudaAvailability.Probe inMode(int mode) {
        return new FakeProbe(null, 1, 13000, Optional.of(KERNELS_13_0), 90, mode);
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

    /**
     * On an ARM host (a Grace Hopper node, say) JCuda looks for its linux-aarch64 library, which Ridgeline does not
     * ship: the reason says so rather than blaming libcuda, which is there and fine. The message is JCuda's, as a
     * JVM that reports os.arch aarch64 gets it.
     */
    @Test
    void aPlatformWithoutJCudaNativesIsNamedNotTheDriver() {
        String jcuda = "Error while loading native library \"JCudaDriver-12.6.0-linux-aarch64\"\n"
                + "Operating system name: Linux\nArchitecture         : aarch64\nArchitecture bit size: 64\n"
                + "---(start of nested stack traces)---\n"
                + "Stack trace from the attempt to load the library as a file:\n"
                + "java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-aarch64 in java.library.path\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.NullPointerException: No resource found with name '/lib/libJCudaDriver-12.6.0-linux-"
                + "aarch64.so'\n---(end of nested stack traces)---";
        String reason = DriverProbe.loadFailureReason(jcuda);
        assertTrue(reason.startsWith("JCuda's native library JCudaDriver-12.6.0-linux-aarch64 is not on the class"
                + " path (Ridgeline ships JCuda's driver library for Linux x86-64 only): the CUDA backend does not run"
                + " on "), reason);
        // The library this jar does carry, failing for another reason, keeps the general one.
        assertEquals("libcuda not loadable: Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"",
                DriverProbe.loadFailureReason("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\""
                        + "\nsomething else"));
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
    void aDeviceOlderThanEveryBuiltArchitectureIsRefusedWithBoth() {
        Availability a = CudaAvailability.check(new FakeProbe(null, 1, 13010, Optional.of(KERNELS_13_0), 75));
        assertFalse(a.available());
        assertEquals("the GPU is sm_75; the kernels are built for sm_80, sm_86, sm_89, sm_90 and PTX compute_90",
                a.reason());
        assertTrue(CudaAvailability.check(new FakeProbe(null, 1, 13010, Optional.of(KERNELS_13_0), 86)).available());
    }

    @Test
    void sassRunsOnTheSameMajorAndPtxOnEveryNewerDevice() {
        assertEquals("the GPU is sm_70; the kernels are built for sm_80, sm_86, sm_89, sm_90 and PTX compute_90",
                CudaAvailability.unsupportedDevice(70, BUILT));
        assertEquals("the GPU is sm_75; the kernels are built for sm_80, sm_86, sm_89, sm_90 and PTX compute_90",
                CudaAvailability.unsupportedDevice(75, BUILT));
        for (int runnable : new int[] {80, 86, 87, 89, 90, 100, 103, 120}) {  // 87 on sm_86 SASS; 100+ on the PTX
            assertEquals(null, CudaAvailability.unsupportedDevice(runnable, BUILT), "sm_" + runnable);
        }
        List<String> sassOnly = List.of("sm_80", "sm_86");
        assertEquals("the GPU is sm_90; the kernels are built for sm_80, sm_86",
                CudaAvailability.unsupportedDevice(90, sassOnly));
        assertEquals(null, CudaAvailability.unsupportedDevice(89, sassOnly));
        assertEquals("the GPU is sm_86; the kernels are built for PTX compute_90",
                CudaAvailability.unsupportedDevice(86, List.of("compute_90")));
        assertEquals("the GPU is sm_100; the kernels are built for sm_90a and PTX compute_90a",
                CudaAvailability.unsupportedDevice(100, List.of("sm_90a", "compute_90a")));
        assertEquals(null, CudaAvailability.unsupportedDevice(90, List.of("sm_90a")));
        assertEquals(null, CudaAvailability.unsupportedDevice(75, List.of()), "an image that does not say");
    }

    @Test
    void theArchitecturesPropertyIsACommaList() {
        assertEquals(BUILT, KernelImage.parseArchitectures("sm_80,sm_86, sm_89 ,sm_90,compute_90"));
        assertEquals(List.of(), KernelImage.parseArchitectures(""));
    }

    /** A damaged properties file in the jar: a clear error naming the file and the value, not a NumberFormatException. */
    @Test
    void damagedKernelPropertiesAreNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelImage.load(dev.ridgeline.engine.cuda.damaged.DamagedKernels.class));
        assertEquals("ridgeline-kernels.properties in this jar is damaged: minimumDriverVersion '13.0' is not a "
                + "whole number (rebuild the jar)", e.getMessage());
    }

    /** ... and the backend is then unavailable with that reason, so "auto" falls back instead of failing. */
    @Test
    void unreadableKernelsMakeTheBackendUnavailable() {
        FakeProbe machine = new FakeProbe(null, 1, 13000, Optional.empty());
        CudaAvailability.Probe damaged = new CudaAvailability.Probe() {
            @Override
            public String initDriver() {
                return machine.initDriver();
            }

            @Override
            public int deviceCount() {
                return machine.deviceCount();
            }

            @Override
            public int driverVersion() {
                return machine.driverVersion();
            }

            @Override
            public String deviceName() {
                return machine.deviceName();
            }

            @Override
            public int computeCapability() {
                return machine.computeCapability();
            }

            @Override
            public Optional<KernelImage> kernels() {
                return KernelImage.load(dev.ridgeline.engine.cuda.damaged.DamagedKernels.class);
            }
        };
        Availability a = CudaAvailability.check(damaged);
        assertFalse(a.available());
        assertEquals("the CUDA kernels in this jar cannot be read: ridgeline-kernels.properties in this jar is "
                + "damaged: minimumDriverVersion '13.0' is not a whole number (rebuild the jar)", a.reason());
    }

    /** Aborted where a GPU is usable; GpuTestMain leaves it out when it requires every test to run. */
    @Test
    @Tag(GpuTestMain.WITHOUT_GPU)
    void withoutAGpuTheProviderSaysWhyInOneLineAndAutoFallsBack() {
        Availability a = new CudaBackendProvider().availability();
        assumeFalse(a.available(), "a usable GPU is present: " + a.reason());
        assertFalse(a.reason().contains("\n"), a.reason());
        assertTrue(a.reason().startsWith("libcuda not loadable") || a.reason().startsWith("no CUDA device")
                || a.reason().startsWith("kernels not built") || a.reason().startsWith("driver too old")
                || a.reason().startsWith("the CUDA driver does not initialise")
                || a.reason().startsWith("the GPU is sm_"), a.reason());
        BackendChoice auto = Backends.select("auto");
        assertFalse(auto.backend().name().equals("cuda"));
        assertTrue(auto.reason().contains("cuda unavailable: " + a.reason()), auto.reason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda"));
        assertTrue(e.getMessage().contains(a.reason()), e.getMessage());
    }
}
