package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.BackendProvider.Availability;
import java.util.Optional;

/**
 * The rules that decide whether the CUDA backend can run, in the order a user would fix them:
 * the driver library loads, a device exists, the jar carries the kernels, the driver is new enough for
 * them. The checks go through a {@link Probe} so the rules are tested without a GPU.
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

        Optional<KernelImage> kernels();
    }

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
        Optional<KernelImage> kernels = probe.kernels();
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
        return Availability.yes("CUDA on " + probe.deviceName() + " (driver CUDA " + KernelImage.versionText(driver)
                + ", kernels built with CUDA " + kernels.get().toolkit() + ")");
    }
}
