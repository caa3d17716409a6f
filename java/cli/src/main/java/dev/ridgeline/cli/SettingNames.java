package dev.ridgeline.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library check's message in the words of the command line: the library names its setting ("DP epochs
 * must be a finite number > 0, got 0.0"), the user typed an option (--dp-epochs), and reads the value in the
 * command line's plain form ("got 0", as the command line's own checks say it).
 */
final class SettingNames {
    /** The value ending a library message, as Java spells a double: "got -1.0", "got 5.0E-4". */
    private static final Pattern JAVA_DOUBLE_AT_END = Pattern.compile(", got (-?\\d+\\.\\d+(?:E-?\\d+)?)$");

    private SettingNames() {
    }

    /**
     * Runs {@code check}; an IllegalArgumentException whose message starts with one of {@code optionOf}'s
     * setting names is thrown again with that name replaced by its option.
     */
    static void checkAsOptions(Runnable check, Map<String, String> optionOf) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (Map.Entry<String, String> name : optionOf.entrySet()) {
                if (message.startsWith(name.getKey() + " ")) {
                    throw new IllegalArgumentException(name.getValue() + plainValue(message.substring(name.getKey()
                            .length())), e);
                }
            }
            throw e;
        }
    }

    /** {@code message} with a double that ends it in {@link TrainPipeline#plain}'s form. */
    static String plainValue(String message) {
        Matcher m = JAVA_DOUBLE_AT_END.matcher(message);
        return m.find() ? message.substring(0, m.start(1)) + TrainPipeline.plain(Double.parseDouble(m.group(1)))
                : message;
    }
}
