package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderOfNumbersWarningTest {
    @TempDir
    Path dir;

    @Test
    void aFileWithoutAHeaderRowIsNamed() throws Exception {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "1.5,2.5,3.5\n1,2,3\n2,3,5\n3,4,8\n4,5,9\n");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--holdout", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: every column name of " + csv + " is a number (1.5, 2.5, 3.5): it seems"
                + " to have no header row, so its first row of data was read as the names and is not in the data; add"
                + " a header row of column names"), r.err());
        Path named = dir.resolve("named.csv");
        Files.writeString(named, "a,b,y\n1,2,3\n2,3,5\n3,4,8\n4,5,9\n");
        CliRun ok = CliRun.of("train", "--data", named.toString(), "--holdout", "0", "--no-output");
        assertFalse(ok.err().contains("header"), ok.err());
        // A text name left out with --ignore still counts: the file has a header.
        Path years = dir.resolve("years.csv");
        Files.writeString(years, "region,2019,2020,2021\nn,1,2,3\ns,2,3,5\nn,3,4,8\ns,4,5,9\n");
        CliRun ignored = CliRun.of("train", "--data", years.toString(), "--ignore", "region", "--holdout", "0",
                "--no-output");
        assertEquals(0, ignored.code(), ignored.err());
        assertFalse(ignored.err().contains("header"), ignored.err());
    }
}
