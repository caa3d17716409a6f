package dev.ridgeline.data;

/**
 * How many threads Ridgeline's parallel work uses when the caller names no count: the system property
 * {@value #PROPERTY} (1 to {@value #MAX}), else the available processors. The vector backend trains on that
 * many threads; reading a CSV file parses on that many, at most four ({@link ParsedChunks}). One setting for
 * both, so that a run limited to one core (a shared host, a service's worker) is limited everywhere.
 */
public final class ThreadSetting {
    /** The system property of the default thread count. */
    public static final String PROPERTY = "ridgeline.threads";

    /**
     * The most threads the setting may ask for. Every vector-backend thread gets its own scratch (lane sums of
     * all K models) and a block of rows; far more threads than cores only costs memory and start-up (100,000
     * were accepted, and each bind started them all).
     */
    public static final int MAX = 1024;

    private ThreadSetting() {
    }

    /**
     * The value of {@value #PROPERTY} when set, else the number of available processors.
     *
     * @throws IllegalArgumentException when the property is set to anything but a whole number from 1 to
     *     {@value #MAX}, naming the property and the value
     */
    public static int current() {
        return parse(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /** {@code value} as a thread count; {@code fallback} when it is null or blank. */
    static int parse(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int t = Integer.parseInt(value.trim());
            if (t >= 1 && t <= MAX) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below with the property name
        }
        throw new IllegalArgumentException("system property " + PROPERTY + " must be a whole number from 1 to "
                + MAX + ", got '" + value + "'");
    }
}
