package dev.ridgeline.cli;

import picocli.CommandLine;

/**
 * A column name given as an option value, without surrounding white space: the reader trims the header's
 * names, so " sex" could never match a column (--categorical trimmed its names already; --target, --weights,
 * --sensitive and --stratify had said that no column ' sex' exists).
 */
final class ColumnNameText implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        return value.trim();  // as the reader trims the header's names (trim, not strip: the same characters)
    }
}
