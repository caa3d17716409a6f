package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.BackendProvider.Availability;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUcomputemode;

/**
 * The rules that decide whether the CUDA backend can run, in the order a user would fix them:
 * the driver library loads, a device exists, the jar carries the kernels, the driver is new enough for
 * them, the kernels hold code the device can run. The checks go through a {@link Probe} so the rules are tested without a GPU.
 */
final class CudaAvailability {
    /** What the rules need to know about the machine; {@link DriverProbe} asks the real driver. */
    interface Probe {
        /** Loads libcuda and initialises the driver; returns null on success, else why not. */
        String initDriver();

        /** Number of CUDA devices (after a successful {@link #initDriver()}). */
        int deviceCount();

        /** The driver's CUDA version, as cuDriverGetVersion reports it (1000 major + 10 minor). */
        int driverVersion();

        /** Name of device 0. */
        String deviceName();

        /** Compute capability of device 0 as 10 major + minor: 75 for sm_75, 90 for sm_90, 120 for sm_120. */
        int computeCapability();

        Optional<KernelImage> kernels();

        /**
         * Compute mode of device 0 (CU_DEVICE_ATTRIBUTE_COMPUTE_MODE: 0 default, 2 prohibited, 3 exclusive-process;
         * 1, exclusive-thread, is no longer reported by current drivers).
         */
        default int computeMode() {
            return CUcomputemode.CU_COMPUTEMODE_DEFAULT;
        }
    }

    private static final Pattern ARCHITECTURE = Pattern.compile("(sm|compute)_(\\d+)([a-z]?)");

    private CudaAvailability() {
    }

    static Availability check(Probe probe) {
        String initFailure = probe.initDriver();
        if (initFailure != null) {
            return Availability.no(initFailure);
        }
        int devices = probe.deviceCount();
        if (devices <= 0) {
            return Availability.no("no CUDA device (the driver loads but reports " + devices + " devices)");
        }
        Optional<KernelImage> kernels;
        try {
            kernels = probe.kernels();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // A damaged jar makes the backend unavailable, with the reason; it must not break "auto" or info.
            return Availability.no("the CUDA kernels in this jar cannot be read: " + e.getMessage());
        }
        if (kernels.isEmpty()) {
            return Availability.no("kernels not built into this jar (build it with nvcc on the PATH)");
        }
        int driver = probe.driverVersion();
        int needed = kernels.get().minimumDriverVersion();
        if (driver < needed) {
            return Availability.no("driver too old for the kernels: the driver supports CUDA "
                    + KernelImage.versionText(driver) + ", the kernels were built with CUDA "
                    + kernels.get().toolkit() + " and need a driver for CUDA " + KernelImage.versionText(needed)
                    + " or newer");
        }
        int capability = probe.computeCapability();
        String unsupported = unsupportedDevice(capability, kernels.get().architectures());
        if (unsupported != null) {
            return Availability.no(unsupported);
        }
        int mode = probe.computeMode();
        if (mode == CUcomputemode.CU_COMPUTEMODE_PROHIBITED) {
            // No process may create a context on it: auto would choose it and fail at the first bind.
            return Availability.no("the GPU's compute mode is prohibited: no process may use it (nvidia-smi"
                    + " --compute-mode sets it)");
        }
        // Exclusive-process is usable, but by one process at a time: a second run fails at its first bind, with a
        // message that names the mode, so say it here too.
        String exclusive = mode == CUcomputemode.CU_COMPUTEMODE_EXCLUSIVE_PROCESS
                ? "; exclusive-process compute mode: one process at a time" : "";
        return Availability.yes("CUDA on " + probe.deviceName() + " (driver CUDA " + KernelImage.versionText(driver)
                + ", kernels built with CUDA " + kernels.get().toolkit() + exclusive + ")");
    }

    /**
     * Null when a device of this compute capability (10 major + minor) can run a fatbin holding these
     * architectures, else why not. SASS for sm_XY runs on devices of major X and minor at least Y; PTX for
     * compute_XY is compiled by the driver for any device of capability XY or above. An "a" suffix
     * (sm_90a, compute_90a) runs on exactly that capability. An empty list says nothing, so refuses nothing.
     */
    static String unsupportedDevice(int capability, List<String> architectures) {
        if (architectures.isEmpty()) {
            return null;
        }
        for (String architecture : architectures) {
            Matcher m = ARCHITECTURE.matcher(architecture);
            if (!m.matches()) {
                continue;
            }
            int built = Integer.parseInt(m.group(2));
            boolean exact = m.group(3).equals("a");
            boolean sass = m.group(1).equals("sm");
            boolean runs = exact ? capability == built
                    : sass ? capability / 10 == built / 10 && capability % 10 >= built % 10
                    : capability >= built;
            if (runs) {
                return null;
            }
        }
        List<String> sass = architectures.stream().filter(a -> a.startsWith("sm_")).toList();
        List<String> ptx = architectures.stream().filter(a -> a.startsWith("compute_")).toList();
        String built = String.join(", ", sass)
                + (ptx.isEmpty() ? "" : (sass.isEmpty() ? "PTX " : " and PTX ") + String.join(", ", ptx));
        return "the GPU is sm_" + capability + "; the kernels are built for " + built;
    }
}
