package dev.ridgeline.engine.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The fatbin that native/build-fatbin.sh put into the jar, and the oldest driver that can load it.
 *
 * @param fatbin the module image for cuModuleLoadData
 * @param toolkit the nvcc release that built it, e.g. "13.0"
 * @param minimumDriverVersion in cuDriverGetVersion's encoding (1000 major + 10 minor)
 * @param architectures what the fatbin holds, as nvcc names it: "sm_80" for SASS, "compute_90" for PTX;
 *     empty when the properties do not say (then no device is refused for its compute capability)
 */
public record KernelImage(byte[] fatbin, String toolkit, int minimumDriverVersion, List<String> architectures) {
    public KernelImage {
        architectures = List.copyOf(architectures);
    }

    static final String FATBIN = "ridgeline.fatbin";
    static final String PROPERTIES = "ridgeline-kernels.properties";

    /**
     * The image from this jar's resources, or empty when the jar was built without nvcc. A damaged
     * properties file is an IllegalStateException, an unreadable resource an UncheckedIOException.
     */
    public static Optional<KernelImage> fromJar() {
        return load(KernelImage.class);
    }

    static Optional<KernelImage> load(Class<?> anchor) {
        try (InputStream bin = anchor.getResourceAsStream(FATBIN);
             InputStream props = anchor.getResourceAsStream(PROPERTIES)) {
            if (bin == null || props == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(props);
            String minimumText = p.getProperty("minimumDriverVersion", "0").trim();
            int minimum;
            try {
                minimum = Integer.parseInt(minimumText);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(PROPERTIES + " in this jar is damaged: minimumDriverVersion '"
                        + minimumText + "' is not a whole number (rebuild the jar)", e);
            }
            return Optional.of(new KernelImage(bin.readAllBytes(), p.getProperty("toolkit", "?"), minimum,
                    parseArchitectures(p.getProperty("architectures", ""))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CUDA kernels from the jar", e);
        }
    }

    /** "sm_80,sm_86, compute_90" -> [sm_80, sm_86, compute_90]; blank entries dropped. */
    static List<String> parseArchitectures(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    /** "13.0" for 13000, in cuDriverGetVersion's encoding. */
    static String versionText(int driverVersion) {
        return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
    }
}
