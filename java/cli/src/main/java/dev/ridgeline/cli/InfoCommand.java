package dev.ridgeline.cli;

import dev.ridgeline.card.BuildInfo;
import dev.ridgeline.engine.BackendChoice;
import dev.ridgeline.engine.BackendProvider;
import dev.ridgeline.engine.Backends;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists every backend, whether it can run here and why, and what {@code auto} would choose. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show the backends available on this machine and why.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ThreadsOption.OfBackend threads;

    @Option(names = "--json", description = "Print one JSON object (keys: ridgeline, java, processors, backends[name, available, reason], auto).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BackendProvider p : Backends.providers()) {
            BackendProvider.Availability a = p.availability();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("available", a.available());
            row.put("reason", a.reason());
            rows.add(row);
        }
        BackendChoice auto;
        IllegalArgumentException refused = null;
        try {
            auto = Backends.select("auto");
        } catch (IllegalArgumentException e) {
            if (json) {
                throw e; // one JSON object on success only: standard output stays empty on an error
            }
            // A malformed setting: still list every backend (that is what info is for), then fail as train would.
            auto = null;
            refused = e;
        }
        String java = System.getProperty("java.version") + " " + System.getProperty("os.arch");
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ridgeline", BuildInfo.currentDescription());
            doc.put("java", java);
            doc.put("processors", Runtime.getRuntime().availableProcessors());
            doc.put("backends", rows);
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("backend", auto == null ? null : auto.backend().name());
            choice.put("reason", auto == null ? refused.getMessage() : auto.reason());
            doc.put("auto", choice);
            out.println(CliJson.compact(doc));
        } else {
            out.printf("ridgeline %s%n", BuildInfo.currentDescription());
            out.printf("Java %s, %d processors%n", java, Runtime.getRuntime().availableProcessors());
            for (Map<String, Object> row : rows) {
                out.printf("  %-12s %-11s %s%n", row.get("name"),
                        (boolean) row.get("available") ? "available" : "unavailable", row.get("reason"));
            }
            if (auto != null) {
                out.printf("auto -> %s: %s%n", auto.backend().name(), auto.reason());
            }
        }
        out.flush();
        if (refused != null) {
            throw refused;
        }
        return 0;
    }
}
