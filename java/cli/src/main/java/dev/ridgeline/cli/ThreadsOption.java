package dev.ridgeline.cli;

import dev.ridgeline.data.ThreadSetting;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code --threads N}: the threads a command trains and parses its CSV files on. It sets the process-wide
 * default ({@link ThreadSetting}, also settable as {@code -Dridgeline.threads}) for the length of the command,
 * then puts back what was there: the library reads that one setting wherever it starts threads, and a command
 * is one run in its own JVM (the tests run many in one, hence the restore). Results do not depend on it.
 */
final class ThreadsOption {
    static final String NAME = "--threads";

    @Option(names = NAME, paramLabel = "N",
            description = "Threads to compute on, 1 to " + ThreadSetting.MAX + "; CSV files are parsed on at most 4 of "
                    + "them. Results do not depend on it (default: the processors, or the system property "
                    + ThreadSetting.PROPERTY + ").")
    Integer threads;

    /**
     * {@code --threads N} of {@code info} and {@code doctor}, which read no CSV file: the threads the vector
     * backend is shown with, and checked on. {@link #during} finds it by its name, as the other one.
     */
    static final class OfBackend {
        @Option(names = NAME, paramLabel = "N",
                description = "Threads the java-vector backend computes on, 1 to " + ThreadSetting.MAX + ", as train's "
                        + NAME + ": the count info shows and doctor checks on (default: the processors, or the system property "
                        + ThreadSetting.PROPERTY + ").")
        Integer threads;
    }

    /**
     * Runs {@code command} with the deepest subcommand's {@code --threads}, when given, as the thread setting.
     * A count out of range fails as the command would (exit 3, one line naming the option) before it runs.
     */
    static int during(ParseResult parsed, IntSupplier command) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        OptionSpec option = leaf.matchedOption(NAME);
        if (option == null || leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
            return command.getAsInt();
        }
        int threads = option.getValue();
        if (threads < 1 || threads > ThreadSetting.MAX) {
            String message = NAME + " must be from 1 to " + ThreadSetting.MAX + ", got " + threads;
            CommandLine commandLine = leaf.commandSpec().commandLine();
            throw new ExecutionException(commandLine, message, new IllegalArgumentException(message));
        }
        String before = System.getProperty(ThreadSetting.PROPERTY);
        System.setProperty(ThreadSetting.PROPERTY, Integer.toString(threads));
        try {
            return command.getAsInt();
        } finally {
            if (before == null) {
                System.clearProperty(ThreadSetting.PROPERTY);
            } else {
                System.setProperty(ThreadSetting.PROPERTY, before);
            }
        }
    }
}
