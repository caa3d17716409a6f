package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What predict --out does to what is already there: a file keeps its permissions (every output had been made
 * 0644, readable by all, whatever the umask or the file replaced), a symbolic link keeps pointing at the file it
 * names (it had been replaced by a file), and a named pipe is written through (it had been replaced by a file
 * its reader never saw).
 */
class OutputTargetKindsTest {
    @TempDir
    Path dir;
    private Path model;
    private Path csv;

    @BeforeEach
    void modelAndRows() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX files");
        CliRun r = CliRun.of("train", "--solver", "exact", "--out", dir.resolve("m").toString());
        assertEquals(0, r.code(), r.err());
        model = dir.resolve("m/model.json");
        csv = dir.resolve("rows.csv");
        Files.writeString(csv, "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n" + "50,1,25,90,180,100,50,4,4.5,90\n".repeat(3));
    }

    private CliRun predictTo(Path out) {
        return CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out", out.toString());
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheFoldersDefault() throws Exception {
        Path existing = dir.resolve("private.csv");
        Files.writeString(existing, "progression_predicted\n1\n");  // an earlier prediction
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-------"));
        CliRun r = predictTo(existing);
        assertEquals(0, r.code(), r.err());
        List<String> written = Files.readAllLines(existing);  // this run's predictions, not the old 2 lines
        assertTrue(written.size() > 2 && written.get(0).equals("progression_predicted"), written.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));

        Path probe = Files.createFile(dir.resolve("probe"));  // what a new file gets here under this umask
        Set<PosixFilePermission> fresh = Files.getPosixFilePermissions(probe);
        Path created = dir.resolve("new.csv");
        assertEquals(0, predictTo(created).code());
        assertEquals(fresh, Files.getPosixFilePermissions(created));
    }

    @Test
    void aSymbolicLinkStaysAndItsFileIsReplaced() throws Exception {
        Path real = Files.writeString(dir.resolve("real.csv"), "progression_predicted\n1\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        CliRun r = predictTo(link);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
        List<String> written = Files.readAllLines(real);
        assertTrue(written.size() > 2 && written.get(0).equals("progression_predicted"), written.toString());
    }

    @Test
    void aNamedPipeIsWrittenThrough() throws Exception {
        Path fifo = dir.resolve("p.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        AtomicReference<String> read = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                read.set(new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8));
            } catch (IOException e) {
                read.set("read failed: " + e);
            }
        });
        reader.setDaemon(true);  // were the pipe replaced, it would wait for a writer for ever
        reader.start();
        CliRun r = predictTo(fifo);
        reader.join(30_000);
        assertEquals(0, r.code(), r.err());
        assertTrue(read.get() != null && read.get().startsWith("progression_predicted"), String.valueOf(read.get()));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the pipe was replaced by a file");
    }

    /**
     * --out /dev/stdout: opened anew it does not share the shell's offset (redirected to a file, the lines the
     * shell wrote before were overwritten) and the command's report would mix with the data; refused, with
     * the way to get predictions on standard output.
     */
    @Test
    void theCommandsOwnStandardOutputIsRefused() {
        for (String out : new String[] {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/2"}) {
            CliRun r = predictTo(Path.of(out));
            assertEquals(Main.EXIT_DATA, r.code(), out + ": " + r.err());
            assertEquals("", r.out());
            assertEquals("ridgeline: error: cannot write " + out + ": it is this command's standard output or error, "
                    + "where its report goes; give a file (predict prints its predictions on standard output when "
                    + "--out is left out)", r.err().strip());
        }
    }
}
