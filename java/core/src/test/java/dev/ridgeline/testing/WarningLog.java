package dev.ridgeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the WARNING (and worse) messages a logger of the library records while it is open. */
public final class WarningLog implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new ArrayList<>();
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (messages) {
                    messages.add(r.getMessage());
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

    private WarningLog(Class<?> source) {
        logger = Logger.getLogger(source.getName());  // held: java.util.logging keeps loggers weakly
        logger.addHandler(collect);
    }

    /** Starts collecting what {@code System.getLogger(source.getName())} warns. */
    public static WarningLog of(Class<?> source) {
        return new WarningLog(source);
    }

    /** The messages so far, in order. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(collect);
    }
}
