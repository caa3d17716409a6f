package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * close() from another thread while a java-vector problem trains on three threads: the training thread
 * stops with the "closed" exception, never hangs (dropping queued blocks at close had left a pass waiting
 * for them forever) and never fails otherwise. Closed at random moments, 30 times.
 */
class VectorCloseFromAnotherThreadTest {
    @Test
    void trainingStopsSayingClosed() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 30; round++) {
            BoundProblem b = new VectorBackend(3).bind(RandomProblems.batch(20_000, 32, 2, round));
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread trainer = new Thread(() -> {
                try {
                    while (true) {
                        b.step(StepRule.plain(2, 1e-3), null);
                    }
                } catch (Throwable t) {
                    ended.set(t);
                }
            }, "trainer");
            trainer.start();
            Thread.sleep(random.nextInt(30));
            b.close();
            trainer.join(20_000);
            assertFalse(trainer.isAlive(), "round " + round + ": the training thread still runs after close()");
            Throwable t = ended.get();
            assertTrue(t instanceof IllegalStateException, "round " + round + ": " + t);
            assertEquals("the java-vector bound problem is closed", t.getMessage());
        }
    }
}
