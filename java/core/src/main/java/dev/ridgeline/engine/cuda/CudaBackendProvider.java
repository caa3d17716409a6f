package dev.ridgeline.engine.cuda;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendProvider;

/**
 * Finds the CUDA backend for {@link dev.ridgeline.engine.Backends} (loaded by class name).
 * Availability is decided once per JVM: loading the driver library twice gains nothing.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static volatile Availability cached;

    public CudaBackendProvider() {
        // Found by reflection; the checks run on the first availability() call.
    }

    @Override
    public String name() {
        return CudaBackend.NAME;
    }

    @Override
    public Availability availability() {
        Availability a = cached;
        if (a == null) {
            synchronized (CudaBackendProvider.class) {
                if (cached == null) {
                    cached = probe();
                }
                a = cached;
            }
        }
        return a;
    }

    private static Availability probe() {
        try {
            return CudaAvailability.check(new DriverProbe());
        } catch (CudaException | LinkageError e) {
            return Availability.no("CUDA driver query failed: " + e.getMessage());
        }
    }

    @Override
    public Backend create() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("CUDA backend unavailable: " + a.reason());
        }
        return new CudaBackend();
    }
}
