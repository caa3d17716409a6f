package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * In the JVM without --add-modules jdk.incubator.vector (surefire execution 'without-vector-module'):
 * {@code auto} falling back to the scalar reference logs the remedy once, however many fits follow.
 */
class ScalarFallbackNoticeWithoutVectorModuleTest {
    @Test
    void autoLogsTheRemedyOncePerJvm() {
        assumeTrue("absent".equals(System.getProperty("ridgeline.test.vectorModule")),
                "runs in the surefire execution 'without-vector-module'");
        Logger library = Logger.getLogger("dev.ridgeline");
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        library.addHandler(capture);
        try {
            ScalarFallbackNotice.forget();
            String chosen = "";
            for (int fit = 0; fit < 3; fit++) {
                chosen = Backends.select("auto").backend().name();
            }
            List<LogRecord> notices = records.stream()
                    .filter(r -> r.getMessage().contains(VectorBackendProvider.REMEDY)).toList();
            if (!chosen.equals(ScalarBackend.NAME)) {
                assertEquals(0, notices.size(), "auto chose " + chosen + ", faster than java-vector: no notice");
                return;
            }
            assertEquals(1, notices.size(), "one record for three fits: " + records);
            assertEquals(Level.INFO, notices.get(0).getLevel());
            assertTrue(notices.get(0).getMessage().startsWith("backend auto chose java-scalar"),
                    notices.get(0).getMessage());
        } finally {
            library.removeHandler(capture);
        }
    }
}
