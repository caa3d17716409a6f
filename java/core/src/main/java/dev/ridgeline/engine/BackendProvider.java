package dev.ridgeline.engine;

/**
 * Creates one kind of backend and says whether it can run here. Optional backends (vector, CUDA) are
 * found by class name so that the core works when their module or native library is absent.
 */
public interface BackendProvider {
    /** The backend's name, as in {@link Backend#name()}. */
    String name();

    /** Whether the backend can run in this JVM on this machine, and if not, why, in one line. */
    Availability availability();

    /** A new backend; only called when {@link #availability()} says it is available. */
    Backend create();

    /**
     * Whether a backend can run, with the reason in one line either way. {@code settingRefused}: it cannot
     * because a setting the user gave (such as a malformed thread count) was refused, a mistake that
     * {@code auto} reports instead of quietly choosing a slower backend.
     */
    record Availability(boolean available, String reason, boolean settingRefused) {
        public static Availability yes(String reason) {
            return new Availability(true, reason, false);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason, false);
        }

        public static Availability refusedSetting(String reason) {
            return new Availability(false, reason, true);
        }
    }
}
