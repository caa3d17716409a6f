package dev.ridgeline.card;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The version and source commit this build of Ridgeline was made from ({@code build-info.properties},
 * written by the Maven build): what `ridgeline --version` prints and what every model card records, so that
 * a model can be traced to the code that trained it.
 */
public record BuildInfo(String version, String commit, String modified) {
    static final String RESOURCE = "build-info.properties";
    /** What a run from classes that no Maven build wrote gets. */
    static final String UNBUILT = "development build";

    /** This build's, or null when the classes were not built by Maven (e.g. compiled by an IDE). */
    public static BuildInfo current() {
        Properties p = resource();
        return p == null ? null : of(p);
    }

    /** The build's properties file, or null when the classes were not built by Maven. */
    private static Properties resource() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The versions of the libraries the build recorded ({@code library.NAME=VERSION}: those that read the data,
     * whose jars, shaded, keep no version of their own); empty when the classes were not built by Maven.
     */
    public static Map<String, String> libraries() {
        Map<String, String> out = new TreeMap<>();
        Properties p = resource();
        if (p != null) {
            p.stringPropertyNames().stream().filter(k -> k.startsWith("library."))
                    .forEach(k -> out.put(k.substring("library.".length()), p.getProperty(k)));
        }
        return out;
    }

    static BuildInfo of(Properties p) {
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"),
                p.getProperty("modified", "unknown"));
    }

    /** This build in one line, e.g. "0.1.0 (commit 1a2b3c4d5e6f, with local changes)"; see {@link #describe}. */
    public static String currentDescription() {
        BuildInfo b = current();
        return b == null ? UNBUILT : b.describe();
    }

    /** "VERSION (commit C)", with ", with local changes" when tracked files differed from C at build time. */
    public String describe() {
        if (commit.equals("unknown")) {
            return version + " (source commit unknown)";
        }
        String shortCommit = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return version + " (commit " + shortCommit + (modified.equals("true") ? ", with local changes)" : ")");
    }
}
