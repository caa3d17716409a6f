package dev.ridgeline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Warnings the library logs (through {@link System.Logger}, which the JDK routes to java.util.logging)
 * while a command runs, collected so that the command reports them as its own: one
 * {@code ridgeline: warning:} line each and an entry in the JSON {@code warnings}, instead of the
 * logger's two-line record on stderr. Embedders of the library keep the plain logging.
 */
final class EngineWarnings implements AutoCloseable {
    /** Held strongly: java.util.logging keeps only weak references to loggers it configures. */
    private static final Logger LIBRARY = Logger.getLogger("dev.ridgeline");
    private static EngineWarnings active;

    private final List<String> messages = new ArrayList<>();
    private final boolean parentHandlers;
    private final Handler handler = new Handler() {
        private final SimpleFormatter text = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (messages) {
                    messages.add(text.formatMessage(record));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private EngineWarnings() {
        parentHandlers = LIBRARY.getUseParentHandlers();
        LIBRARY.addHandler(handler);
        LIBRARY.setUseParentHandlers(false);
    }

    /** Starts collecting; close to stop and restore the logger. */
    static synchronized EngineWarnings capture() {
        active = new EngineWarnings();
        return active;
    }

    /** The warnings logged since the last call, each returned once; none when nothing collects. */
    static synchronized List<String> take() {
        if (active == null) {
            return List.of();
        }
        synchronized (active.messages) {
            List<String> out = List.copyOf(active.messages);
            active.messages.clear();
            return out;
        }
    }

    @Override
    public void close() {
        synchronized (EngineWarnings.class) {
            LIBRARY.removeHandler(handler);
            LIBRARY.setUseParentHandlers(parentHandlers);
            if (active == this) {
                active = null;
            }
        }
    }
}
