package dev.ridgeline.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns every path option's value into a {@link Path}, refusing an empty one as a bad command line:
 * {@code Path.of("")} is the current directory, so {@code --out ''} would have written the output folder's
 * files there, over whatever was there. A name holding U+FFFD is refused too: that is how the JVM decodes an
 * argument's bytes that are not UTF-8 (a Latin-1 'caf\u00E9'), so {@code --out} would have written a folder of
 * another name and {@code --data} said that an existing file does not exist.
 * A relative name is refused the same way while the working folder's own name holds U+FFFD: the JVM resolves
 * it against that decoded name, so from a folder 'caf\u00E9' {@code --out o2} had written 'caf\uFFFD/o2', a
 * folder it made beside the working one, and {@code --data d.csv} had said that d.csv does not exist.
 */
final class PathConverter implements ITypeConverter<Path> {
    private final String workingFolder;

    PathConverter() {
        this(System.getProperty("user.dir", ""));
    }

    /** With the working folder's name as the JVM decoded it ({@code user.dir}). */
    PathConverter(String workingFolder) {
        this.workingFolder = workingFolder;
    }

    @Override
    public Path convert(String value) {
        if (value.isEmpty()) {
            throw new TypeConversionException("the path is empty; give a file or folder name");
        }
        if (value.indexOf('\uFFFD') >= 0) {
            throw new TypeConversionException("'" + value + "' holds bytes that are not UTF-8 text (shown as \uFFFD);"
                    + " rename the file or folder to a UTF-8 name");
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
        }
        String unreachable = unreachable(path, workingFolder);
        if (unreachable != null) {
            throw new TypeConversionException(unreachable);
        }
        return path;
    }

    /**
     * Why {@code path} cannot be reached from {@code workingFolder} (the JVM's decoded {@code user.dir}), or null
     * when it can: a relative path from a folder whose name held bytes that are not UTF-8.
     */
    static String unreachable(Path path, String workingFolder) {
        if (path.isAbsolute() || workingFolder.indexOf('\uFFFD') < 0) {
            return null;
        }
        return "'" + path + "' is relative to the working folder " + workingFolder + ", whose name holds bytes that"
                + " are not UTF-8 text (shown as \uFFFD): give an absolute path, or run from a folder with a UTF-8 name";
    }

    /**
     * An output folder option with a default ({@code train}'s and {@code tune}'s {@code --out}): picocli converts
     * the default too, also under {@code --no-output}, so the working folder is checked by the command, with
     * {@link #requireReachable}, only when it writes the folder.
     */
    public static final class DefaultedFolder implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return new PathConverter("").convert(value);
        }
    }

    /** Refuses, as a bad command line, an {@code option} value {@link #unreachable} from the working folder. */
    static void requireReachable(CommandLine commandLine, String option, Path path) {
        String unreachable = unreachable(path, System.getProperty("user.dir", ""));
        if (unreachable != null) {
            // The default is converted and checked as if typed: say so, as a user who gave no --out typed no name.
            boolean given = commandLine.getParseResult() != null && commandLine.getParseResult().hasMatchedOption(option);
            throw new ParameterException(commandLine, "invalid value for option '" + option + "'"
                    + (given ? "" : " (its default, as none was given)") + ": " + unreachable);
        }
    }
}
