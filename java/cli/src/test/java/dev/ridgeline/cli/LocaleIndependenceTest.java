package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands print does not depend on the user's locale: scripts read it. */
class LocaleIndependenceTest {
    @TempDir
    Path dir;

    @Test
    void anArabicLocaleStillPrintsAsciiDigitsAndDecimalPoints() throws Exception {
        Locale saved = Locale.getDefault();
        Locale savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        try {
            // As -Duser.language=ar -Duser.country=SA sets it: every category.
            Locale.setDefault(Locale.forLanguageTag("ar-SA"));
            assertEquals("٤٤٢", String.format("%d", 442), "this JDK formats ar-SA with its own digits");
            CliRun train = CliRun.of("train", "--out", dir.resolve("m").toString());
            assertEquals(0, train.code(), train.err());
            assertTrue(train.out().contains("validation         88"), train.out());
            Path data = dir.resolve("diabetes.csv");
            try (java.io.InputStream in = getClass().getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
                java.nio.file.Files.copy(in, data);
            }
            CliRun predict = CliRun.of("predict", "--model", dir.resolve("m/model.json").toString(), "--data",
                    data.toString(), "--out", dir.resolve("p.csv").toString());
            assertEquals(0, predict.code(), predict.err());
            assertTrue(predict.out().startsWith("wrote 442 predictions to "), predict.out());
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, savedFormat);
        }
    }
}
