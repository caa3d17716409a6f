package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ThreadSettingTest {
    @Test
    void aWholeNumberFromOneTo1024IsTakenAndBlankMeansTheFallback() {
        assertEquals(6, ThreadSetting.parse(null, 6));
        assertEquals(6, ThreadSetting.parse(" ", 6));
        assertEquals(3, ThreadSetting.parse(" 3 ", 6));
        assertEquals(1, ThreadSetting.parse("1", 6));
        assertEquals(1024, ThreadSetting.parse("1024", 6));
    }

    @Test
    void anythingElseIsRefusedNamingThePropertyAndTheValue() {
        for (String bad : new String[] {"zero", "0", "-2", "1025", "100000", "2.5", "4 threads"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ThreadSetting.parse(bad, 6), bad);
            assertEquals("system property ridgeline.threads must be a whole number from 1 to 1024, got '" + bad + "'",
                    e.getMessage());
        }
    }

    @Test
    void csvParsingFollowsTheSettingUpToFourThreads() {
        withThreads(null, () -> assertEquals(Math.min(4, Runtime.getRuntime().availableProcessors()),
                ParsedChunks.defaultThreads()));
        withThreads("1", () -> assertEquals(1, ParsedChunks.defaultThreads()));
        withThreads("3", () -> assertEquals(3, ParsedChunks.defaultThreads()));
        withThreads("64", () -> assertEquals(4, ParsedChunks.defaultThreads()));
        withThreads("many", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ParsedChunks::defaultThreads);
            assertEquals("system property ridgeline.threads must be a whole number from 1 to 1024, got 'many'",
                    e.getMessage());
        });
    }

    /** Runs body with ridgeline.threads set to value (null: unset), then puts back what was there. */
    private static void withThreads(String value, Runnable body) {
        String before = System.getProperty(ThreadSetting.PROPERTY);
        if (value == null) {
            System.clearProperty(ThreadSetting.PROPERTY);
        } else {
            System.setProperty(ThreadSetting.PROPERTY, value);
        }
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(ThreadSetting.PROPERTY);
            } else {
                System.setProperty(ThreadSetting.PROPERTY, before);
            }
        }
    }
}
