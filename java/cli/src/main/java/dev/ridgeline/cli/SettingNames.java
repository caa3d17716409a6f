package dev.ridgeline.cli;

import java.util.Map;

/**
 * A library check's message in the words of the command line: the library names its setting ("DP epochs
 * must be a finite number > 0, got 0.0"), the user typed an option (--dp-epochs).
 */
final class SettingNames {
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
                    throw new IllegalArgumentException(name.getValue() + message.substring(name.getKey().length()), e);
                }
            }
            throw e;
        }
    }
}
