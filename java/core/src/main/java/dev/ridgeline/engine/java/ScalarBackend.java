package dev.ridgeline.engine.java;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendProvider;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import java.util.Objects;

/**
 * The plain reference backend: straightforward loops, double accumulation, one model at a time.
 * It is the oracle that every fast backend is tested against, so it stays simple rather than fast.
 */
public final class ScalarBackend implements Backend {
    public static final String NAME = "java-scalar";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BoundProblem bind(Problem problem) {
        Objects.requireNonNull(problem, "problem");
        return new ScalarBoundProblem(problem);
    }

    /** One line for reports, as the other backends give. */
    @Override
    public String toString() {
        return "plain Java reference, one thread";
    }

    /** The provider for {@link dev.ridgeline.engine.Backends}: always available. */
    public static BackendProvider provider() {
        return new BackendProvider() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Availability availability() {
                return Availability.yes("plain Java reference, always available");
            }

            @Override
            public Backend create() {
                return new ScalarBackend();
            }
        };
    }
}
