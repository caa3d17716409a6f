package dev.ridgeline.card;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and when a model was made: library version, Java runtime, operating system, creation time, the
 * command that ran, and the versions of the libraries involved.
 */
public record Provenance(String ridgelineVersion, String javaVersion, String javaVendor, String os,
        String created, String command, Map<String, String> libraries) {

    public Provenance {
        libraries = new TreeMap<>(libraries);
    }

    /** The running JVM and OS, at {@code now}. */
    public static Provenance capture(Instant now, String command, Map<String, String> libraries) {
        java.util.Objects.requireNonNull(now, "now");
        return new Provenance(currentVersion(), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " (" + System.getProperty("os.arch") + ")",
                now.toString(), command, libraries);
    }

    /** This build's version and source commit ({@link BuildInfo#currentDescription}). */
    public static String currentVersion() {
        return BuildInfo.currentDescription();
    }

    /** A one-line description of this machine's CPU side, for the card's hardware field. */
    public static String cpuDescription() {
        return Runtime.getRuntime().availableProcessors() + " CPU threads, "
                + System.getProperty("os.arch") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
    }
}
