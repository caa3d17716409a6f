package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateColumnsTest {
    private static InputColumn column(String... categories) {
        return InputColumn.categorical("when", null, List.of(categories));
    }

    @Test
    void datesAndTimesInCommonFormsAreRecognised() {
        assertTrue(DateColumns.holdsDates(column("2024-01-05", "2024-02-29")));
        assertTrue(DateColumns.holdsDates(column("2024-01-05T10:30:00Z", "2024-01-05 11:00", "2024-01-06T00:00:00.5+02:00")));
        assertTrue(DateColumns.holdsDates(column("05/01/2024", "5.1.2024", "12-31-2023 23:59")));
    }

    @Test
    void otherCategoriesAreNot() {
        assertFalse(DateColumns.holdsDates(column("north", "south")));
        assertFalse(DateColumns.holdsDates(column("2024-01-05", "unknown")));
        assertFalse(DateColumns.holdsDates(column("2024-01-05")));  // one category adds no feature to warn of
        assertFalse(DateColumns.holdsDates(column("2024", "2025")));  // a year reads as a number unless declared
        assertFalse(DateColumns.holdsDates(InputColumn.numeric("when", Double.NaN, 1)));
    }

    @Test
    void theWarningNamesTheColumnItsCountAndTheWayOut() {
        Preprocessing pre = new Preprocessing(List.of(column("2024-01-05", "2024-01-06", "2024-01-07")), List.of(),
                ScaleKind.NONE, UnseenCategory.ERROR, List.of());
        assertEquals("column 'when' holds dates (2024-01-05, ...): it is one-hot encoded as 3 categories, which know"
                + " nothing of their order and cannot place a date not seen in training; give it as a number (days since"
                + " a start, a year) or leave it out with --ignore when", DateColumns.warning(pre).orElseThrow());
    }
}
