package dev.ridgeline.engine.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * What the self-check found, per backend, with PASS/FAIL against a stated tolerance. Its JSON keys are
 * snake_case, as every JSON output of the command line.
 */
public record SelfCheckReport(double tolerance, List<BackendReport> backends) {
    /** An unavailable backend is reported with its reason and does not fail the check. */
    @JsonProperty("passed")
    public boolean passed() {
        return backends.stream().allMatch(BackendReport::passed);
    }

    /**
     * @param maxRelativeError largest normwise relative error against java-scalar over every case and quantity
     * @param worstCase the shape of that case ("65x4097 K=9"), null for a backend not checked
     * @param deterministic whether two runs gave bitwise the same parameters (null: not run)
     * @param error the message of a check that threw, or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BackendReport(String name, boolean available, String reason, int cases,
                                @JsonIgnore double maxRelativeError, String worstCase, Boolean deterministic,
                                String error, List<Bandwidth> bandwidth) {
        public boolean passed(double tolerance) {
            return !available || (error == null && maxRelativeError <= tolerance && !Boolean.FALSE.equals(deterministic));
        }

        boolean passed() {
            return passed(SelfCheck.TOLERANCE);
        }

        /** In the JSON: null for a backend that was not checked (unavailable), which neither passed nor failed. */
        @JsonProperty("passed")
        Boolean passedIfChecked() {
            return available ? passed() : null;
        }

        /** In the JSON: null for a backend that was not checked, rather than an error of 0 never measured. */
        @JsonProperty("max_relative_error")
        Double maxRelativeErrorIfChecked() {
            return available ? maxRelativeError : null;
        }
    }

    /**
     * One timed shape: device time and amortised host wall time per epoch, effective bandwidth (bytes of X
     * / epoch time) and, from the same run, the device-to-device copy bandwidth (read + write).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bandwidth(String shape, String path, int epochs, double epochMicros, double wallMicrosPerEpoch,
                            @JsonProperty("effective_gbps") double effectiveGBps,
                            @JsonProperty("copy_gbps") double copyGBps) {
        public double fractionOfCopy() {
            return effectiveGBps / copyGBps;
        }
    }

    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "self-check against java-scalar, tolerance %.0e (normwise relative)%n",
                tolerance));
        for (BackendReport b : backends) {
            if (!b.available()) {
                s.append(String.format(Locale.ROOT, "  %-12s skipped: %s%n", b.name(), b.reason()));
                continue;
            }
            s.append(String.format(Locale.ROOT, "  %-12s %s  max relative error %.3e over %d cases (worst: %s)%s%n",
                    b.name(), b.passed(tolerance) ? "PASS" : "FAIL", b.maxRelativeError(), b.cases(), b.worstCase(),
                    b.deterministic() == null ? "" : b.deterministic() ? ", bitwise deterministic" : ", NOT deterministic"));
            if (b.error() != null) {
                s.append("               error: ").append(b.error()).append(System.lineSeparator());
            }
            for (Bandwidth w : b.bandwidth()) {
                s.append(String.format(Locale.ROOT, "               %s [%s]: epoch %.2f us device, %.2f us wall amortised over %d,"
                        + " %.1f GB/s = %.0f%% of copy %.1f GB/s%n", w.shape(), w.path(), w.epochMicros(),
                        w.wallMicrosPerEpoch(), w.epochs(), w.effectiveGBps(), 100 * w.fractionOfCopy(), w.copyGBps()));
            }
        }
        s.append(passed() ? "PASS" : "FAIL").append(System.lineSeparator());
        return s.toString();
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
