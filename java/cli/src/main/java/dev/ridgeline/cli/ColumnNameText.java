package dev.ridgeline.cli;

import dev.ridgeline.data.ColumnNames;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.UnicodeText;
import picocli.CommandLine;

/**
 * A column name given as an option value, without surrounding white space: the reader trims the header's
 * names, so " sex" could never match a column (--categorical trimmed its names already; --target, --weights,
 * --sensitive and --stratify had said that no column ' sex' exists).
 */
final class ColumnNameText implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        return UnicodeText.trimmed(value);  // as the reader trims the header's names: the same characters
    }

    /**
     * One name of a comma-separated list option (--ignore, --keep): trimmed, and taken out of the double quotes
     * that keep a name holding a comma whole ({@code --ignore '"cust, id",x'}), NFC-composed as the header's.
     */
    static String listed(String value) {
        String name = UnicodeText.trimmed(value);
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = UnicodeText.trimmed(name.substring(1, name.length() - 1));  // inside the quotes too, as the header
        }
        return UnicodeText.composed(name);
    }

    /** The names a list option gave ({@link #listed}), each once, in the order given (predict's and explain's --keep). */
    static java.util.List<String> listedOnce(java.util.List<String> given) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        given.forEach(name -> names.add(listed(name)));
        return java.util.List.copyOf(names);
    }

    /** The converter of a list option's names ({@link #listed}), for options that picocli splits itself. */
    static final class Listed implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return listed(value);
        }
    }

    /**
     * A column name as a message quotes it ({@link DataException#shown}): its backslashes doubled and invisible
     * characters written out, so that, once the line breaks are written {@code \n}, a name holding a backslash
     * then n reads otherwise than one holding a line break. An ordinary name is quoted as it is.
     */
    static String shown(String name) {
        return DataException.shown(name);
    }

    /** How to write {@code name} in a list option ({@link ColumnNames#asListValue}). */
    static String forList(String name) {
        return ColumnNames.asListValue(name);
    }
}
