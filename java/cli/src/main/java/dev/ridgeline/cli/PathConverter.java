package dev.ridgeline.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns every path option's value into a {@link Path}, refusing an empty one as a bad command line:
 * {@code Path.of("")} is the current directory, so {@code --out ''} would have written the output folder's
 * files there, over whatever was there. A name holding U+FFFD is refused too: that is how the JVM decodes an
 * argument's bytes that are not UTF-8 (a Latin-1 'caf\u00E9'), so {@code --out} would have written a folder of
 * another name and {@code --data} said that an existing file does not exist.
 */
final class PathConverter implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value.isEmpty()) {
            throw new TypeConversionException("the path is empty; give a file or folder name");
        }
        if (value.indexOf('\uFFFD') >= 0) {
            throw new TypeConversionException("'" + value + "' holds bytes that are not UTF-8 text (shown as \uFFFD);"
                    + " rename the file or folder to a UTF-8 name");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
        }
    }
}
