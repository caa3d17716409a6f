package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnNameTextTest {
    @Test
    void aListedNameIsTrimmedUnquotedAndComposed() {
        assertEquals("id", ColumnNameText.listed(" id "));
        assertEquals("cust, id", ColumnNameText.listed(" \"cust, id\" "));
        assertEquals("cust, id", ColumnNameText.listed("\" cust, id \""));  // trimmed inside the quotes too
        assertEquals("caf\u00e9", ColumnNameText.listed("cafe\u0301"));
        assertEquals("\"", ColumnNameText.listed("\""));  // one quote is a name, not quotes around one
    }

    @Test
    void aNameWithACommaIsWrittenSoThatTheListKeepsItWhole() {
        assertEquals("id", ColumnNameText.forList("id"));
        assertEquals("'\"cust, id\"'", ColumnNameText.forList("cust, id"));
    }
}
