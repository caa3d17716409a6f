package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column-name option typed in a Latin-1 terminal ({@code --ignore $'id,gr\xf6\xdfe'}) reaches the JVM as
 * "gr\uFFFD\uFFFDe": the error names that cause, as the path options do, and keeps its suggestion, where it had
 * said only that no column 'gr??e' exists.
 */
class NonUtf8ColumnNameTest {
    private static final String DECODED = "gr\uFFFD\uFFFDe";
    private static final String CAUSE = "the name holds bytes that are not UTF-8 text, shown as \uFFFD, as a terminal"
            + " or script in another encoding (such as Latin-1) sends them: give it in UTF-8; did you mean 'gr\u00F6\u00DFe'?";

    @TempDir
    Path dir;

    @Test
    void everyColumnOptionNamesTheCauseAndKeepsTheSuggestion() throws Exception {
        StringBuilder csv = new StringBuilder("id,gr\u00F6\u00DFe,y\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(i).append(',').append(i * 3 % 7).append(',').append(2 * i).append('\n');
        }
        String data = Files.writeString(dir.resolve("u.csv"), csv).toString();
        String source = dir.resolve("u.csv").toString();
        CliRun ignore = CliRun.of("train", "--data", data, "--target", "y", "--ignore", "id," + DECODED, "--no-output");
        assertEquals("ridgeline: error: " + source + ": no column named '" + DECODED + "' to leave out (" + CAUSE
                + "); the columns are [id, gr\u00F6\u00DFe, y]", ignore.err().strip());
        assertEquals(Main.EXIT_DATA, ignore.code());
        CliRun target = CliRun.of("train", "--data", data, "--target", DECODED, "--no-output");
        assertEquals("ridgeline: error: " + source + ": no column named '" + DECODED + "' (" + CAUSE
                + "); the columns are [id, gr\u00F6\u00DFe, y]", target.err().strip());
        assertEquals(Main.EXIT_DATA, target.code());
        CliRun sensitive = CliRun.of("train", "--data", data, "--target", "y", "--sensitive", DECODED, "--no-output");
        assertEquals("ridgeline: error: " + source + ": sensitive column '" + DECODED + "' is not in the header ("
                + CAUSE + "); a sensitive column is one of the columns [id, gr\u00F6\u00DFe] or a column --ignore"
                + " leaves out", sensitive.err().strip());
        assertEquals(Main.EXIT_DATA, sensitive.code());
    }
}
