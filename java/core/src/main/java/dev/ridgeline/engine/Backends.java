package dev.ridgeline.engine;

import dev.ridgeline.engine.java.ScalarBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds backends and chooses one. {@code auto} prefers cuda, then java-vector, then java-scalar, and says
 * why in one line, e.g. "plain Java reference, always available; cuda unavailable: libcuda.so.1 not found;
 * java-vector unavailable: ...". When that leaves the scalar reference although java-vector exists, it also
 * logs the reason once per JVM ({@link ScalarFallbackNotice}).
 */
public final class Backends {
    /** Optional providers, in order of preference, found by class name. */
    private static final String[] OPTIONAL_PROVIDERS = {
        "dev.ridgeline.engine.cuda.CudaBackendProvider",
        "dev.ridgeline.engine.java.VectorBackendProvider",
    };

    private static final String VECTOR = "java-vector";

    private Backends() {
    }

    /** Every known provider in order of preference, the scalar reference last. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> out = new ArrayList<>();
        for (String className : OPTIONAL_PROVIDERS) {
            BackendProvider p = load(className);
            if (p != null) {
                out.add(p);
            }
        }
        out.add(ScalarBackend.provider());
        return out;
    }

    /**
     * Chooses a backend by name ({@code auto}, {@code java-scalar}, {@code java-vector}, {@code cuda}).
     *
     * @throws IllegalArgumentException when the name is unknown or the named backend cannot run here,
     *     with the reason; for {@code auto}, also when a backend it prefers refused a setting
     */
    public static BackendChoice select(String request) {
        String wanted = request == null ? "auto" : request.trim().toLowerCase(Locale.ROOT);
        List<BackendProvider> all = providers();
        if (wanted.equals("auto")) {
            return selectAuto(all);
        }
        for (BackendProvider p : all) {
            if (p.name().equals(wanted)) {
                BackendProvider.Availability a = p.availability();
                if (!a.available()) {
                    throw new IllegalArgumentException("backend '" + wanted + "' is unavailable: " + a.reason());
                }
                return new BackendChoice(p.create(), "requested; " + a.reason());
            }
        }
        throw unknown(request, all);
    }

    /**
     * Refuses a name {@link #select} would not know, without asking any backend whether it can run (so that a
     * misspelt name fails where it is given, not at the first fit after the data was read and preprocessed).
     *
     * @throws IllegalArgumentException naming the backends there are
     */
    public static void requireKnown(String request) {
        String wanted = request == null ? "auto" : request.trim().toLowerCase(Locale.ROOT);
        List<BackendProvider> all = providers();
        if (!wanted.equals("auto") && all.stream().noneMatch(p -> p.name().equals(wanted))) {
            throw unknown(request, all);
        }
    }

    private static IllegalArgumentException unknown(String request, List<BackendProvider> all) {
        List<String> names = new ArrayList<>();
        names.add("auto");
        all.forEach(p -> names.add(p.name()));
        return new IllegalArgumentException("unknown backend '" + request + "'; choose one of " + names);
    }

    private static BackendChoice selectAuto(List<BackendProvider> all) {
        StringBuilder skipped = new StringBuilder();
        String vectorMissing = null;
        for (BackendProvider p : all) {
            BackendProvider.Availability a = p.availability();
            if (a.available()) {
                String why = skipped.length() == 0 ? a.reason() : a.reason() + "; " + skipped;
                if (vectorMissing != null && p.name().equals(ScalarBackend.NAME)) {
                    ScalarFallbackNotice.give(vectorMissing);
                }
                return new BackendChoice(p.create(), why);
            }
            if (p.name().equals(VECTOR)) {
                vectorMissing = a.reason();
            }
            if (a.settingRefused()) {
                throw new IllegalArgumentException("backend " + p.name() + ": " + a.reason());
            }
            if (skipped.length() > 0) {
                skipped.append("; ");
            }
            skipped.append(p.name()).append(" unavailable: ").append(a.reason());
        }
        throw new IllegalStateException("no backend available: " + skipped);
    }

    private static BackendProvider load(String className) {
        try {
            Class<?> c = Class.forName(className);
            return (BackendProvider) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return new UnloadableProvider(className, e);
        }
    }

    /** Stands in for a provider whose class exists but cannot be loaded, so the reason is still reported. */
    private record UnloadableProvider(String className, Throwable error) implements BackendProvider {
        @Override
        public String name() {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple.startsWith("Cuda") ? "cuda" : simple.startsWith("Vector") ? "java-vector" : simple;
        }

        @Override
        public Availability availability() {
            return Availability.no(className + " failed to load: " + error);
        }

        @Override
        public Backend create() {
            throw new IllegalStateException(availability().reason());
        }
    }
}
