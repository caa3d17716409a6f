package dev.ridgeline.cli;

import dev.ridgeline.data.DataException;
import dev.ridgeline.engine.cuda.CudaException;
import dev.ridgeline.train.DivergenceException;
import dev.ridgeline.train.SingularSystemException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a subcommand into one clear line on stderr and an exit code. A user's mistake
 * never shows a stack trace; an internal error shows one only when RIDGELINE_DEBUG is set.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        int code = exitCode(e);
        if (shuttingDown()) {
            // A signal is ending the JVM, and the error is its consequence (the output's commit stopped): the
            // shutdown hook's one line says what happened; a second line blaming the output would mislead.
            return code;
        }
        String message = oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        CudaException unavailable = unavailableGpu(e);
        if (unavailable != null) {
            message = oneLine("the CUDA backend's " + unavailable.getMessage() + ": " + unavailable.unavailableAdvice());
        }
        if (code == Main.EXIT_DATA && heapExhausted(e)) {
            // The library says "give the JVM a larger heap (-Xmx)", and bin/ridgeline takes no JVM options of its
            // own: name the variable that carries them, and a size, as the line for a heap run out elsewhere does.
            message += "; with bin/ridgeline: " + Main.largerHeap(Runtime.getRuntime().maxMemory());
        }
        if (code == Main.EXIT_INTERNAL) {
            cmd.getErr().println("ridgeline: internal error: " + e);
            if (System.getenv("RIDGELINE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("ridgeline: set RIDGELINE_DEBUG=1 to see the stack trace");
            }
        } else {
            cmd.getErr().println("ridgeline: error: " + message);
        }
        cmd.getErr().flush();
        return code;
    }

    /**
     * Whether the JVM is shutting down (a signal, as main returns only after the handler): the one way Java
     * tells is that a shutdown hook can no longer be added.
     */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * The message with its line breaks written as {@code \n} and {@code \r}: a quoted CSV field or column name
     * may hold one, and the error must stay one line (as the delimiter's message writes '\n'). The other control
     * characters but tab (C0, DEL, C1) are written as {@code \}{@code u001b}: a name from a model file or a CSV
     * header is echoed here, and an ESC in it had reached the terminal as an escape sequence (clear the screen,
     * recolour, retitle the window).
     */
    static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c) && c != '\t') {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A warning as every command prints it on standard error: "ridgeline: warning: ...", on one line. */
    static String warningLine(String warning) {
        return "ridgeline: warning: " + oneLine(warning);
    }

    static int exitCode(Exception e) {
        if (e instanceof DivergenceException || e instanceof SingularSystemException) {
            return Main.EXIT_TRAINING;
        }
        if (e instanceof DataException || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException || unavailableGpu(e) != null) {
            return Main.EXIT_DATA;
        }
        return Main.EXIT_INTERNAL;
    }

    /** Whether one of e's causes is the heap running out (what a larger -Xmx remedies). */
    static boolean heapExhausted(Throwable e) {
        return firstCause(e, t -> t instanceof OutOfMemoryError oom && DataException.heapExhausted(oom)) != null;
    }

    /**
     * The CUDA failure in e's causes that is the GPU's state (out of memory, held by another process), or null:
     * like a heap too small for the data, a setting of this machine to change (exit 3), not a fault to report
     * with a stack trace. A kernel's fault or any other failed call stays an internal error.
     */
    static CudaException unavailableGpu(Throwable e) {
        return (CudaException) firstCause(e, t -> t instanceof CudaException cuda && cuda.unavailableAdvice() != null);
    }

    /** The first of e and its causes that {@code which} takes, or null; bounded, as causes may form a cycle. */
    private static Throwable firstCause(Throwable e, java.util.function.Predicate<Throwable> which) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (which.test(t)) {
                return t;
            }
        }
        return null;
    }
}
