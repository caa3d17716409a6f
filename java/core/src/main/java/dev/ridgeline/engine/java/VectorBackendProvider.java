package dev.ridgeline.engine.java;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BackendProvider;
import java.lang.reflect.InvocationTargetException;

/**
 * Provides {@code java-vector} when the JVM has the module {@code jdk.incubator.vector}.
 *
 * <p>This class never names a vector type: it checks the boot layer for the module and only then loads
 * {@link VectorBackend} by class name, so a JVM without the module gets one actionable line instead of a
 * linkage error, and {@code auto} falls back to the scalar backend.
 */
public final class VectorBackendProvider implements BackendProvider {
    static final String MODULE = "jdk.incubator.vector";
    static final String BACKEND_CLASS = "dev.ridgeline.engine.java.VectorBackend";
    /** The fix, as the user should read it. */
    public static final String REMEDY = "start the JVM with --add-modules " + MODULE;

    public VectorBackendProvider() {
        // Found by class name from Backends; needs a public no-arg constructor.
    }

    @Override
    public String name() {
        return VectorBackend.NAME;
    }

    @Override
    public Availability availability() {
        boolean present = ModuleLayer.boot().findModule(MODULE).isPresent();
        if (!present) {
            return unavailableWithoutModule();
        }
        try {
            return Availability.yes(load().toString());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            boolean refused = thrownByConstructor(e) instanceof IllegalArgumentException;
            return refused ? Availability.refusedSetting(reason(e)) : Availability.no(reason(e));
        }
    }

    /**
     * Why the backend could not be created, as the user should read it: a setting it refused (such as a
     * malformed thread count) in its own words, anything else with the class and the exception.
     */
    static String reason(Throwable e) {
        Throwable cause = thrownByConstructor(e);
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return BACKEND_CLASS + " could not be created: " + cause;
    }

    /** What the backend's constructor threw, when reflection wrapped it; else e itself. */
    private static Throwable thrownByConstructor(Throwable e) {
        return e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
    }

    /** The reason given when the module is absent: what is missing and the one flag that fixes it. */
    static Availability unavailableWithoutModule() {
        return unavailableWithoutModule(java.lang.module.ModuleFinder.ofSystem().find(MODULE).isPresent());
    }

    /**
     * The reason, for a runtime that holds the module ({@code inRuntime}: the flag adds it) or one that does not,
     * an image made by jlink without it, which the flag would stop from starting ("Module not found").
     */
    static Availability unavailableWithoutModule(boolean inRuntime) {
        if (!inRuntime) {
            return Availability.no("module " + MODULE + " is not in this Java runtime (an image made by jlink without"
                    + " it); run a full JDK 17 or newer, or add the module to the image");
        }
        return Availability.no("module " + MODULE + " is not loaded; " + REMEDY);
    }

    @Override
    public Backend create() {
        try {
            return load();
        } catch (ReflectiveOperationException e) {
            Throwable cause = thrownByConstructor(e);
            if (cause instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IllegalStateException(reason(e), cause);
        }
    }

    private static Backend load() throws ReflectiveOperationException {
        return (Backend) Class.forName(BACKEND_CLASS).getDeclaredConstructor().newInstance();
    }
}
