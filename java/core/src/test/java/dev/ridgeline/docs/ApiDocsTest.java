package dev.ridgeline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's API documentation builds: the JDK's javadoc over src/main/java with every doclint check but
 * "missing" (undocumented members are allowed; broken HTML, references and tags are not). A raw {@code <=}
 * in a comment stops {@code javadoc}, and with it any javadoc jar a release would need.
 */
class ApiDocsTest {
    @Test
    void javadocBuildsWithoutErrorsOrWarnings(@TempDir Path out) throws Exception {
        Path sources = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(sources), "run from java/core: " + sources.toAbsolutePath());
        ToolProvider javadoc = ToolProvider.findFirst("javadoc").orElseThrow(
                () -> new AssertionError("no javadoc tool in this runtime; the build needs a JDK"));
        StringWriter text = new StringWriter();
        PrintWriter log = new PrintWriter(text);
        int status = javadoc.run(log, log, "-quiet", "-Xdoclint:all,-missing", "--add-modules",
                "jdk.incubator.vector", "-d", out.toString(), "-sourcepath", sources.toString(),
                "-classpath", dependencyPath(), "-subpackages", "dev.ridgeline");
        log.flush();
        List<String> problems = text.toString().lines()
                .filter(line -> line.contains("error") || line.contains("warning"))
                .filter(line -> !line.contains("incubating module")).filter(line -> !line.matches("\\d+ warnings?"))
                .toList();
        assertEquals(List.of(), problems, text.toString());
        assertEquals(0, status, text.toString());
    }

    /** The jars of the core's compile dependencies, found through one class of each. */
    private static String dependencyPath() throws URISyntaxException {
        List<Class<?>> oneClassEach = List.of(de.siegmar.fastcsv.reader.CsvReader.class,
                ch.randelshofer.fastdoubleparser.JavaDoubleParser.class,
                com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class, jcuda.Pointer.class);
        StringBuilder path = new StringBuilder();
        for (Class<?> c : oneClassEach) {
            if (path.length() > 0) {
                path.append(File.pathSeparator);
            }
            path.append(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return path.toString();
    }
}
