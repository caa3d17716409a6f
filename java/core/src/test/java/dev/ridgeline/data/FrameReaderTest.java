package dev.ridgeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.ridgeline.testing.CsvText.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    @Test
    void infersNumericAndCategoricalColumnsThroughBomQuotesAndCrlf() {
        CsvTable t = table("\uFEFFa;city;y\r\n1.5;\"Paris; FR\";3\r\n2;Oslo;4\r\n", ';');
        Frame f = FrameReader.forTraining(t, "y", Set.of());
        assertEquals(ColumnKind.NUMERIC, f.kind(0));
        assertEquals(ColumnKind.CATEGORICAL, f.kind(1));
        assertEquals("Paris; FR", f.label(1, 0));
        assertEquals(2.0, f.number(0, 1));
        assertEquals(4.0, f.target(1));
        assertEquals(3, f.line(1));
    }

    /** Asking a column for values of the other kind named no column (a null array inside). */
    @Test
    void askingAColumnForTheOtherKindNamesIt() {
        Frame f = FrameReader.forTraining(table("a,city,y\n1.5,Paris,3\n2,Oslo,4\n", ','), "y", Set.of());
        assertEquals("column 1 ('city') is categorical: it has no numbers (see kind(c))",
                assertThrows(IllegalArgumentException.class, () -> f.number(1, 0)).getMessage());
        assertEquals("column 0 ('a') is numeric: it has no labels (see kind(c))",
                assertThrows(IllegalArgumentException.class, () -> f.label(0, 0)).getMessage());
    }

    @Test
    void mixedColumnIsAnErrorNamingFileLineColumnAndValue() {
        CsvTable t = table("a,y\n1,2\n1O,3\n", ',');
        DataException e = assertThrows(DataException.class, () -> FrameReader.forTraining(t, "y", Set.of()));
        assertEquals("t.csv, column 'a' mixes numbers and text: line 2 holds the number '1', line 3 the text '1O';"
                + " correct the odd values, or declare the column --categorical a if every value is a category",
                e.getMessage());
        // Text that reads like a missing value is named as such: declaring the column categorical, the advice
        // for other text, would one-hot encode a numeric feature.
        DataException gap = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,2\n?,3\n4,5\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'a': '?' reads like a missing value but is not one (only an empty field"
                + " or NA is missing), so the column mixes numbers (line 2: '1') and text: write its missing values as"
                + " NA or leave them empty", gap.getMessage());
        DataException nan = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,2\nNaN,3\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'a': value 'NaN' is not a finite float32 number (a missing value is an"
                + " empty field or NA)", nan.getMessage());
        // NaN among text is a missing value written as other tools write it, not a number to declare away.
        DataException textNan = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("c,y\nred,2\nNaN,3\nblue,5\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'c': 'NaN' reads like a missing value but is not one (only an empty"
                + " field or NA is missing), so the column mixes it with text (line 2: 'red'): write its missing values"
                + " as NA or leave them empty, or, where 'NaN' is a category (a name or a place), declare the column"
                + " --categorical c", textNan.getMessage());
        // Beside finite numbers a NaN is no sign of a text column: the general advice stands.
        DataException numbersNan = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("c,y\nNaN,2\n4,3\nblue,5\n", ','), "y", Set.of()));
        assertTrue(numbersNan.getMessage().startsWith("t.csv, column 'c' mixes numbers and text: line 2 holds the"
                + " number 'NaN', line 4 the text 'blue'"), numbersNan.getMessage());
        // A decimal comma is named as the likely cause, in a mixed column and in the target.
        DataException comma = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2\n2,5;3\n", ';'), "y", Set.of()));
        String advice = " (numbers are read with neither decimal commas nor thousands separators: write 1234.5, not"
                + " 1234,5, 1,234.5 or 1 234.5)";
        assertEquals("t.csv, column 'a' mixes numbers and text: line 2 holds the number '1', line 3 the text '2,5'"
                + advice, comma.getMessage());
        DataException target = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2\n2;296,90\n", ';'), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'y': value '296,90' is not a number" + advice, target.getMessage());
        DataException grouped = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2\n2;\"1,250\"\n", ';'), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'y': value '1,250' is not a number" + advice, grouped.getMessage());
        // A target of class labels says why it cannot be one; a target with one bad value names that value.
        DataException classes = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;high\n2;\n3;low\n", ';'), "y", Set.of()));
        assertEquals("t.csv: the target 'y' holds text, not numbers (line 2: 'high'): a regression predicts a number;"
                + " name a numeric target column (--target), or write the classes as numbers (0 and 1)",
                classes.getMessage());
        DataException oneBad = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2\n2;high\n", ';'), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'y': value 'high' is not a number", oneBad.getMessage());
        // So is a currency or percent sign.
        DataException dollar = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2\n$4;3\n", ';'), "y", Set.of()));
        assertEquals("t.csv, column 'a' mixes numbers and text: line 2 holds the number '1', line 3 the text '$4'"
                + " (numbers are read plain: write 3118.28 or 0.45, without currency or percent signs or thousands"
                + " separators)", dollar.getMessage());
        DataException percent = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2\n2;45%\n", ';'), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'y': value '45%' is not a number (numbers are read plain: write 3118.28"
                + " or 0.45, without currency or percent signs or thousands separators)", percent.getMessage());
        DataException gapInTarget = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,2\n2,?\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'y': value '?' is not a number (only an empty field or NA is missing)",
                gapInTarget.getMessage());
        // Text with a comma that is no number gets no such advice.
        DataException words = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2\n2;\"3,4,5\"\n", ';'), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'y': value '3,4,5' is not a number", words.getMessage());
        // A long value is quoted by its start and length (100,001 digits made a 100 KB error line).
        String digits = "7".repeat(100_001);
        DataException big = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,2\n1,3\n1,4" + digits + "x\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 4, column 'y': value '4" + "7".repeat(79) + "... (100003 characters)' is not a number",
                big.getMessage());
    }

    @Test
    void declaredCategoricalKeepsNumbersAsLabels() {
        Frame f = FrameReader.forTraining(table("zip,y\n75001,1\n0150,2\n", ','), "y", Set.of("zip"));
        assertEquals(ColumnKind.CATEGORICAL, f.kind(0));
        assertEquals("0150", f.label(0, 1));
    }

    @Test
    void nonNumericTargetIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,x\n", ','), "y", Set.of()));
        assertEquals("t.csv: the target 'y' holds text, not numbers (line 2: 'x'): a regression predicts a number;"
                + " name a numeric target column (--target), or write the classes as numbers (0 and 1)", e.getMessage());
        DataException mixed = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,2\n1,x\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'y': value 'x' is not a number", mixed.getMessage());
        // A target of numbers written with decimal commas, or of missing-value spellings, keeps its own hint.
        DataException commas = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a;y\n1;2,5\n2;3,5\n", ';'), "y", Set.of()));
        assertEquals("t.csv, line 2, column 'y': value '2,5' is not a number (numbers are read with neither decimal"
                + " commas nor thousands separators: write 1234.5, not 1234,5, 1,234.5 or 1 234.5)", commas.getMessage());
        DataException gaps = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,?\n2,null\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 2, column 'y': value '?' is not a number (only an empty field or NA is missing)",
                gaps.getMessage());
    }

    @Test
    void infinityIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,2\n1e39,3\n", ','), "y", Set.of()));
        assertTrue(e.getMessage().contains("line 3, column 'a': value '1e39' is not a finite float32 number"), e.getMessage());
        // Other tools' spellings of infinity are refused as such, not read as text (a column mixing numbers and
        // text, or categories).
        for (String inf : new String[] {"inf", "-Inf", "+INF", "infinity", "-infinity"}) {
            DataException other = assertThrows(DataException.class,
                    () -> FrameReader.forTraining(table("a,y\n1,2\n" + inf + ",3\n", ','), "y", Set.of()));
            assertEquals("t.csv, line 3, column 'a': value '" + inf + "' is not a finite float32 number",
                    other.getMessage());
        }
        assertEquals(Double.NEGATIVE_INFINITY, NumberSyntax.otherInfinity(" -inf "));
        assertTrue(Double.isNaN(NumberSyntax.otherInfinity("info")));
    }

    /**
     * numpy's savetxt writes NaN as {@code nan} (C's printf as {@code -nan}): the same value as Java's NaN, so it is
     * refused the same way, with the same message, in a feature, the target and a model's inputs, and among text,
     * rather than read as text (a column mixing numbers and text) or as a category.
     */
    @Test
    void nanInAnyCaseIsRefusedAsNaNIs() {
        for (String nan : new String[] {"NaN", "nan", "NAN", "-nan", "+NaN", " nan "}) {
            String expected = "t.csv, line 3, column 'a': value '" + nan + "' is not a finite float32 number (a missing"
                    + " value is an empty field or NA)";
            assertEquals(expected, assertThrows(DataException.class,
                    () -> FrameReader.forTraining(table("a,y\n1,2\n" + nan + ",3\n", ','), "y", Set.of()))
                    .getMessage());
            assertEquals(expected.replace("line 3", "line 2"), assertThrows(DataException.class,
                    () -> FrameReader.forTraining(table("a,y\n" + nan + ",2\n" + nan + ",3\n", ','), "y", Set.of()))
                    .getMessage());
            assertEquals(expected.replace("column 'a'", "column 'y'"), assertThrows(DataException.class,
                    () -> FrameReader.forTraining(table("a,y\n1,2\n2," + nan + "\n", ','), "y", Set.of()))
                    .getMessage());
            Map<String, ColumnKind> schema = new LinkedHashMap<>();
            schema.put("a", ColumnKind.NUMERIC);
            assertEquals(expected, assertThrows(DataException.class,
                    () -> FrameReader.forModelInputs(table("a\n1\n" + nan + "\n", ','), schema, Set.of()))
                    .getMessage());
            assertEquals("t.csv, line 3, column 'c': '" + nan + "' reads like a missing value but is not one (only an"
                    + " empty field or NA is missing), so the column mixes it with text (line 2: 'red'): write its"
                    + " missing values as NA or leave them empty, or, where '" + nan.strip() + "' is a category (a name"
                    + " or a place), declare the column --categorical c", assertThrows(DataException.class,
                    () -> FrameReader.forTraining(table("c,y\nred,2\n" + nan + ",3\nblue,5\n", ','), "y", Set.of()))
                    .getMessage());
        }
        // Declared categorical, it is a label like any other, as the error's advice says: a name or a place (the
        // Thai province Nan) had been read as a category, and the advice to write it as NA would have erased it.
        Frame declared = FrameReader.forTraining(table("c,y\nred,2\nnan,3\n", ','), "y", Set.of("c"));
        assertEquals("nan", declared.label(0, 1));
        String advice = assertThrows(DataException.class, () -> FrameReader.forTraining(
                table("city,y\nOslo,2\nNan,3\n", ','), "y", Set.of())).getMessage();
        assertTrue(advice.endsWith("where 'Nan' is a category (a name or a place), declare the column --categorical"
                + " city"), advice);
    }

    @Test
    void missingFieldsBecomeNaNOrNull() {
        Frame f = FrameReader.forTraining(table("a,c,y\n,NA,1\n2,u,2\n", ','), "y", Set.of());
        assertTrue(f.isMissing(0, 0));
        assertTrue(f.isMissing(1, 0));
        assertEquals(ColumnKind.CATEGORICAL, f.kind(1));
    }

    @Test
    void modelSchemaReportsMissingAndExtraColumnsByName() {
        Map<String, ColumnKind> schema = new LinkedHashMap<>();
        schema.put("a", ColumnKind.NUMERIC);
        schema.put("b", ColumnKind.NUMERIC);
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forModel(table("a,zz,y\n1,2,3\n", ','), schema, "y"));
        assertEquals("t.csv: the columns do not match the model; missing: [b]; not used by the model: [zz]; "
                + "the model expects [a, b]", e.getMessage());
    }

    @Test
    void modelInputsLeaveTheToleratedColumnsUnread() {
        Map<String, ColumnKind> schema = new LinkedHashMap<>();
        schema.put("a", ColumnKind.NUMERIC);
        Frame f = FrameReader.forModelInputs(table("y,a,w\nabc,1,-2\n,2,x\n", ','), schema, Set.of("y", "w"));
        assertEquals(2, f.rows());
        assertEquals(2.0, f.number(0, 1));
        assertFalse(f.hasTarget());
        assertFalse(f.hasWeights());
        Frame without = FrameReader.forModelInputs(table("a\n1\n", ','), schema, Set.of("y", "w"));
        assertEquals(1, without.rows());
        DataException extra = assertThrows(DataException.class,
                () -> FrameReader.forModelInputs(table("a,y,zz\n1,2,3\n", ','), schema, Set.of("y")));
        assertEquals("t.csv: the columns do not match the model; not used by the model: [zz]; the model expects [a]",
                extra.getMessage());
        DataException input = assertThrows(DataException.class,
                () -> FrameReader.forModelInputs(table("a,y\nabc,2\n", ','), schema, Set.of("y")));
        assertEquals("t.csv, line 2, column 'a': value 'abc' is not a number", input.getMessage());
        DataException target = assertThrows(DataException.class,
                () -> FrameReader.forModel(table("a,y\n1,abc\n", ','), schema, "y"));
        assertEquals("t.csv, line 2, column 'y': value 'abc' is not a number", target.getMessage());
    }

    @Test
    void aFileSplitWithTheWrongDelimiterGetsAHint() {
        Map<String, ColumnKind> schema = new LinkedHashMap<>();
        schema.put("a", ColumnKind.NUMERIC);
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forModel(table("a;y\n1;3\n", ','), schema, "y"));
        assertEquals("t.csv: the columns do not match the model; missing: [a]; not used by the model: [a;y]; "
                + "the model expects [a] (read as one column: is the file separated by ';'? try --delimiter ';')",
                e.getMessage());
        DataException t = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a|y\n1|3\n", ','), "a|y", Set.of()));
        assertEquals("t.csv: there are no feature columns besides the target 'a|y' (read as one column: is the file "
                + "separated by '|'? try --delimiter '|')", t.getMessage());
    }

    @Test
    void aQuoteNeverClosedIsNamedAsTheLikelyCause() {
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,b,y\n1,2,3\n\"2,1,4\n3,5,2\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3: a quote opened in this record is never closed, so the rest of the file would be"
                + " one field", e.getMessage());
        DataException plain = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,b,y\n1,2,3\n2,1\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3: 2 fields, the header has 3", plain.getMessage());
    }

    @Test
    void failPolicyCountsAffectedRows() {
        Frame f = FrameReader.forTraining(table("a,b,y\n1,,1\n2,3,2\n,,3\n4,5,\n", ','), "y", Set.of());
        DataException e = assertThrows(DataException.class, () -> MissingValues.apply(f, MissingPolicy.FAIL));
        assertEquals("t.csv: 3 of 4 rows have missing values (first at line 2, column 'b'); "
                + "choose --missing drop (a missing target or row weight is never imputed)", e.getMessage());
        Frame kept = MissingValues.apply(f, MissingPolicy.DROP);
        assertEquals(1, kept.rows());
        assertEquals(3, kept.line(0));
        DataException t = assertThrows(DataException.class, () -> MissingValues.apply(f, MissingPolicy.MEAN));
        assertTrue(t.getMessage().startsWith("t.csv: 1 row has no target value"), t.getMessage());
    }

    @Test
    void aColumnWithNoValueIsNamedAsTheCause() {
        Frame f = FrameReader.forTraining(table("a,m,y\n1,,2\n2,,3\n3,,5\n", ','), "y", Set.of());
        String cause = "; column 'm' has no value in any row: leave it out of the file, or choose --missing mean or"
                + " median, which drop it with a warning";
        DataException e = assertThrows(DataException.class, () -> MissingValues.apply(f, MissingPolicy.FAIL));
        assertEquals("t.csv: 3 of 3 rows have missing values (first at line 2, column 'm'); choose --missing"
                + " drop, mean or median" + cause, e.getMessage());
        DataException d = assertThrows(DataException.class, () -> MissingValues.apply(f, MissingPolicy.DROP));
        assertEquals("t.csv: every one of the 3 rows has a missing value; nothing is left after --missing drop" + cause,
                d.getMessage());
        // With a target missing too, imputation is no way out: only leaving the column out is offered.
        Frame noTarget = FrameReader.forTraining(table("a,m,y\n1,,2\n2,,\n", ','), "y", Set.of());
        DataException t = assertThrows(DataException.class, () -> MissingValues.apply(noTarget, MissingPolicy.FAIL));
        assertTrue(t.getMessage().endsWith("; column 'm' has no value in any row: leave it out of the file"),
                t.getMessage());
        Frame two = FrameReader.forTraining(table("a,m,n,y\n1,,,2\n2,,,3\n", ','), "y", Set.of());
        DataException both = assertThrows(DataException.class, () -> MissingValues.apply(two, MissingPolicy.DROP));
        assertTrue(both.getMessage().endsWith("; columns [m, n] have no value in any row: leave them out of the file,"
                + " or choose --missing mean or median, which drop them with a warning"), both.getMessage());
    }

    @Test
    void theFirstMissingValueIsTheFirstInRowOrderThenColumnOrder() {
        // Missing: row 1 'c', row 2 'a' and 'b', row 3 the target. The first is line 3, column 'c'.
        Frame f = FrameReader.forTraining(table("a,b,c,y\n1,2,3,4\n1,2,,4\n,,3,4\n1,2,3,\n", ','), "y", Set.of());
        DataException e = assertThrows(DataException.class, () -> MissingValues.apply(f, MissingPolicy.FAIL));
        assertEquals("t.csv: 3 of 4 rows have missing values (first at line 3, column 'c'); "
                + "choose --missing drop (a missing target or row weight is never imputed)", e.getMessage());
        // A missing target before any missing feature is the first.
        Frame g = FrameReader.forTraining(table("a,b,y\n1,2,\n1,,4\n", ','), "y", Set.of());
        DataException t = assertThrows(DataException.class, () -> MissingValues.apply(g, MissingPolicy.FAIL));
        assertTrue(t.getMessage().contains("(first at line 2, target 'y')"), t.getMessage());
        assertEquals(1, MissingValues.apply(f, MissingPolicy.DROP).rows());
    }

    /** A category spelt as another tool's infinity keeps its text column categorical; among numbers it is refused. */
    @Test
    void infAsACategoryOfATextColumnIsText() {
        Frame f = FrameReader.forTraining(table("age,x,y\nInf,1,2\nChild,2,3\nAdult,3,4\n", ','), "y", Set.of());
        assertEquals(ColumnKind.CATEGORICAL, f.kind(0));
        Frame levels = FrameReader.forTraining(table("level,y\ninfo,1\ninf,2\nwarn,3\n", ','), "y", Set.of());
        assertEquals(ColumnKind.CATEGORICAL, levels.kind(0));
        DataException e = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\n1,2\ninf,3\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 3, column 'a': value 'inf' is not a finite float32 number", e.getMessage());
        DataException alone = assertThrows(DataException.class,
                () -> FrameReader.forTraining(table("a,y\ninf,2\n,3\n", ','), "y", Set.of()));
        assertEquals("t.csv, line 2, column 'a': value 'inf' is not a finite float32 number", alone.getMessage());
        assertThrows(DataException.class, () -> FrameReader.forTraining(table("a,y\n1,2\n3,-Inf\n", ','), "y", Set.of()));
    }

    /**
     * Two files joined, each with its header: the second header is named as such, not met with the advice to
     * declare the column categorical (which would make its name a category). With a byte order mark too.
     */
    @Test
    void aRepeatedHeaderLineIsNamedAsSuch() {
        for (String[] second : new String[][] {{"a,b,y\n", "a"}, {"\uFEFFa,b,y\n", "\\uFEFFa"}}) {
            CsvTable t = table("a,b,y\n1,2,3\n4,5,6\n" + second[0] + "7,8,9\n", ',');
            DataException e = assertThrows(DataException.class, () -> FrameReader.forTraining(t, "y", Set.of()));
            assertEquals("t.csv, line 4, column 'a': the line repeats the header (the text '" + second[1] + "'; two"
                    + " files joined, each with its header?), so the column mixes numbers (line 2: '1') and text: remove"
                    + " the repeated header line", e.getMessage());
        }
    }
}
