package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Column names given as options: trimmed as the header's names are, and a near miss is answered with a name. */
class ColumnNameOptionsTest {
    /** " progression" had been "no column named ' progression'": the header's own names are read trimmed. */
    @Test
    void namesWithSurroundingSpacesFindTheirColumns() throws Exception {
        CliRun r = CliRun.of("train", "--target", " progression ", "--sensitive", " sex", "--stratify", "sex ",
                "--bootstrap", "0", "--epochs", "5", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        var doc = new ObjectMapper().readTree(r.out());
        assertEquals("progression", doc.get("target").asText());
        assertEquals("sex", doc.get("fairness").get("attributes").get(0).get("attribute").asText(),
                doc.get("fairness").toString());
    }

    @Test
    void aMisspeltSensitiveColumnIsAnsweredWithTheNearestName() {
        CliRun r = CliRun.of("train", "--sensitive", "bmii", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: diabetes.csv (embedded): sensitive column 'bmii' is not in the header (did"
                + " you mean 'bmi'?); a sensitive column is one of the columns [age, sex, bmi, bp, s1, s2, s3, s4,"
                + " s5, s6] or a column --ignore leaves out", r.err().strip());
    }
}
