package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.preprocess.InputColumn;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdentifierColumnsTest {
    private static InputColumn categories(String format, int count) {
        return InputColumn.categorical("c", null, IntStream.range(0, count).mapToObj(i -> String.format(format, i))
                .sorted().toList());
    }

    @Test
    void moreCategoriesThanHalfTheTrainingRowsReadLikeAnIdentifier() {
        assertTrue(IdentifierColumns.looksLikeIdentifier(categories("row-%d", 51), 100));
        assertFalse(IdentifierColumns.looksLikeIdentifier(categories("row-%d", 50), 100));
        // Too few rows to tell a small category set from an identifier.
        assertFalse(IdentifierColumns.looksLikeIdentifier(categories("row-%d", 9), 9));
        assertFalse(IdentifierColumns.looksLikeIdentifier(InputColumn.numeric("c", Double.NaN, 0), 100));
    }

    @Test
    void numbersWrittenAsTextHaveTheirOwnWarningNotThisOne() {
        assertFalse(IdentifierColumns.looksLikeIdentifier(categories("$%d,000.50", 90), 100));
        assertFalse(IdentifierColumns.looksLikeIdentifier(categories("%d%%", 90), 100));
        // One that is not a number is enough to make them labels.
        assertTrue(IdentifierColumns.looksLikeIdentifier(InputColumn.categorical("c", null,
                List.of("$1", "$2", "$3", "$4", "$5", "$6", "id-7")), 12));
    }
}
