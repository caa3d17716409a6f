package dev.ridgeline.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ridgeline} command. Exit codes: 0 success; 1 unexpected internal error (and {@code doctor}: a check
 * failed); 2 bad command line;
 * 3 bad input data or settings; 4 training failed (diverged, singular system).
 */
@Command(
        name = "ridgeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Ridge regression by gradient descent, on CUDA GPUs or any JVM.",
        subcommands = {
            TrainCommand.class,
            TuneCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            InfoCommand.class,
            PrivacyCommand.class,
            ExplainCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected internal error; for doctor, a failed check",
            "2:bad command line",
            "3:bad input data or settings",
            "4:training failed (diverged, or a singular system)",
            "130:stopped by SIGINT (Ctrl-C); 143: by SIGTERM; 129: by SIGHUP",
        })
public final class Main {
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DATA = 3;
    public static final int EXIT_TRAINING = 4;

    private Main() {
    }

    public static void main(String[] args) {
        // Messages name columns, files and categories: UTF-8, as standard output, whatever the default charset.
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setErr(err);
        AtomicBoolean finished = new AtomicBoolean();
        // A signal (Ctrl-C, SIGTERM) ends the JVM without a word otherwise: say so, and what became of the output.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                Progress.endShownBar();
                err.println(STOPPED_BY_SIGNAL);
            }
        }, "ridgeline-stopped"));
        int code;
        try {
            code = run(args, StandardOutput.system(), err);
        } finally {
            // Also when run throws (an Error it does not catch): that is no signal.
            finished.set(true);
        }
        System.exit(code);
    }

    /** Printed when a signal ends a command before it returns. */
    static final String STOPPED_BY_SIGNAL = "ridgeline: stopped by a signal before the command finished: no file"
            + " was left half-written; an output folder or file holds either what it held before or all of this"
            + " run's output";

    /**
     * Runs the command with the given streams, which take UTF-8 (all output is written in it), and returns
     * the exit code (the tests' entry point).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(commandLine(), args, out, err);
    }

    /**
     * The message for a run that ran out of a heap of {@code maxBytes} (what the JVM reports: -Xmx less a
     * survivor space), suggesting twice that in whole GB: a fixed -Xmx8g had been offered to a 600 MB run and
     * to one that needed 9 GB alike.
     */
    static String outOfMemory(long maxBytes) {
        return "ridgeline: error: out of memory: the data and the work need more than the " + (maxBytes >> 20)
                + " MB heap this JVM may use; raise it, e.g. " + largerHeap(maxBytes);
    }

    /**
     * The setting that gives {@code bin/ridgeline}'s JVM twice a heap of {@code maxBytes}, in whole GB, and
     * why that figure: "RIDGELINE_JAVA_OPTS=-Xmx2g (at least twice the 533 MB, in whole GB), if the machine
     * has the memory".
     */
    static String largerHeap(long maxBytes) {
        long mb = maxBytes >> 20;
        long suggestGb = Math.max(1, (2 * maxBytes + (1L << 30) - 1) >> 30);
        return "RIDGELINE_JAVA_OPTS=-Xmx" + suggestGb + "g (at least twice the " + mb + " MB, in whole GB), if the"
                + " machine has the memory";
    }

    static int run(CommandLine cmd, String[] args, PrintStream out, PrintStream err) {
        // Plots render off-screen; never try to open a display.
        System.setProperty("java.awt.headless", "true");
        // Output is read by scripts: digits and decimal points as in the files, whatever the user's locale
        // (under ar-SA "%d" printed Arabic-Indic digits: "wrote ٤٤٢ predictions"). Every category: PrintWriter's
        // printf formats with the plain default, not the FORMAT one.
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        // The writers encode in UTF-8, as the streams under them (a PrintWriter over a stream would use the
        // default charset).
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        cmd.setOut(stdout);
        cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        if (args.length > 2 && args[0].equals("help")) {
            // picocli's help command reads one name and passed over the rest without a word.
            cmd.getErr().println("ridgeline: error: help takes one command name, got " + (args.length - 1) + " words: '"
                    + String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)) + "'");
            cmd.getErr().println("Try 'ridgeline help " + args[1] + "' for its options.");
            cmd.getErr().flush();
            return EXIT_USAGE;
        }
        int code;
        try (EngineWarnings library = EngineWarnings.capture()) {
            code = cmd.execute(subcommandHelpFirst(cmd, args));
            // Commands that list warnings have taken theirs; any others are still shown.
            EngineWarnings.take().forEach(w -> cmd.getErr().println(ErrorHandler.warningLine(w)));
            cmd.getErr().flush();
        } catch (OutOfMemoryError e) {
            // What was allocated for the command is unreachable here, so there is room for the message.
            err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            return EXIT_DATA;
        } catch (InternalError | LinkageError e) {
            // A host without fonts fails in the JDK's font manager with an Error, which no handler sees.
            String fonts = MissingFonts.message(e);
            if (fonts == null) {
                throw e;
            }
            err.println("ridgeline: error: " + ErrorHandler.oneLine(fonts));
            return EXIT_DATA;
        }
        // PrintWriter and PrintStream swallow write errors: a full disk or a closed pipe would lose the
        // output of a successful run without a word.
        if (stdout.checkError() || out.checkError()) {
            if (out instanceof StandardOutput s && s.readerClosed()) {
                return code; // the reader stopped reading, as `| head` does: the pipeline's choice, not a failure
            }
            // Named from the write's reason: a closed standard output (>&-) had been blamed on a full disk.
            String why = out instanceof StandardOutput s ? s.failure() : "it is closed, or its disk is full";
            err.println("ridgeline: error: cannot write standard output: " + why + "; what it carried is "
                    + "incomplete; files the command wrote are complete");
            return code == 0 ? EXIT_DATA : code;
        }
        return code;
    }

    /**
     * {@code --help train} (or {@code -h train}) as {@code train --help}: picocli gave the top level's help for
     * it, where {@code help train} and {@code train --help} give train's.
     */
    static String[] subcommandHelpFirst(CommandLine cmd, String[] args) {
        if (args.length == 2 && (args[0].equals("--help") || args[0].equals("-h"))
                && cmd.getSubcommands().containsKey(args[1])) {
            return new String[] {args[1], "--help"};
        }
        return args;
    }

    static CommandLine commandLine() {
        // picocli reports an unbalanced quote in a split list value on its own "[picocli WARN]" lines, naming
        // Java fields; the value is still split, the stray quote kept in one name, and a name no column has is
        // an error that names the quoting rule (ColumnNames.didYouMean).
        CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        CommandLine cmd = new CommandLine(Main.class);
        // No argument files: picocli would read "--data @survey.csv" as the lines of survey.csv spliced into the
        // command line, and a model's recorded command ("train @settings") would not show the settings used.
        cmd.setExpandAtFiles(false);
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setExecutionStrategy(parsed -> {
            ChoiceCheck.check(parsed);
            ListItemCheck.check(parsed);
            DelimiterCheck.check(parsed);
            VariadicOptionCheck.check(parsed);
            return ThreadsOption.during(parsed, () -> new CommandLine.RunLast().execute(parsed));
        });
        cmd.registerConverter(Path.class, new PathConverter());
        NumberConverters.register(cmd);
        return cmd;
    }
}
