package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ridgeline.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single output files ({@code predict --out}, {@code export --onnx}): never one of the inputs, never an
 * existing folder, and checked to be writable before any work.
 */
class OutputFileTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path trainedModel() {
        Path out = dir.resolve("m");
        CliRun r = CliRun.of("train", "--solver", "exact", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        return out.resolve("model.json");
    }

    private Path diabetesInputs(String name) throws IOException {
        Path model = trainedModel();
        Path csv = dir.resolve(name);
        StringBuilder s = new StringBuilder("age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n");
        for (int i = 0; i < 5; i++) {
            s.append("0.01,0.05,0.06,0.02,-0.04,-0.03,-0.04,0.0,0.02,-0.01\n");
        }
        Files.writeString(csv, s.toString());
        return model;
    }

    @Test
    void predictAndExportRefuseToOverwriteTheirInputs() throws Exception {
        Path model = diabetesInputs("X2.csv");
        Path csv = dir.resolve("X2.csv");
        String before = Files.readString(csv);
        String modelBefore = Files.readString(model);
        CliRun data = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out", csv.toString());
        assertEquals(Main.EXIT_DATA, data.code());
        assertEquals("ridgeline: error: --out " + csv + " is the input --data " + csv
                + ": writing it would replace the input; choose another --out", data.err().strip());
        CliRun overModel = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(),
                "--out", dir.resolve("m/../m/model.json").toString());
        assertEquals(Main.EXIT_DATA, overModel.code());
        assertTrue(overModel.err().contains("is the input --model " + model), overModel.err());
        CliRun export = CliRun.of("export", "--model", model.toString(), "--onnx", model.toString());
        assertEquals(Main.EXIT_DATA, export.code());
        assertEquals("ridgeline: error: --onnx " + model + " is the input --model " + model
                + ": writing it would replace the input; choose another --onnx", export.err().strip());
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), csv);
        CliRun viaLink = CliRun.of("predict", "--model", model.toString(), "--data", link.toString(), "--out", csv.toString());
        assertEquals(Main.EXIT_DATA, viaLink.code(), "the same file under another name");
        assertEquals(before, Files.readString(csv));
        assertEquals(modelBefore, Files.readString(model));
        assertEquals("", data.out() + overModel.out() + export.out() + viaLink.out());
        assertEquals(0, CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out",
                dir.resolve("preds.csv").toString()).code(), "another output is fine");
    }

    @Test
    void anOutputThatIsAFolderIsRefusedBeforeAnyWork() throws Exception {
        Path model = diabetesInputs("X.csv");
        Path pdir = Files.createDirectory(dir.resolve("pdir"));
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", dir.resolve("X.csv").toString(),
                "--out", pdir.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: cannot write " + pdir + ": is a directory", r.err().strip());
        CliRun export = CliRun.of("export", "--model", dir.resolve("missing.json").toString(), "--onnx", pdir.toString());
        assertEquals("ridgeline: error: cannot write " + pdir + ": is a directory", export.err().strip(),
                "checked before the model is read");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        CliRun under = CliRun.of("predict", "--model", model.toString(), "--data", dir.resolve("X.csv").toString(),
                "--out", file.resolve("p.csv").toString());
        assertEquals("ridgeline: error: cannot write " + file.resolve("p.csv") + ": " + file + " is not a folder",
                under.err().strip());
        assertEquals(List.of(), names(pdir));
    }

    @Test
    void anUnwritableOutputFileIsRefusedBeforeTheModelIsRead() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "this user can write a 0555 folder (root)");
            String missing = dir.resolve("missing.json").toString();
            CliRun predict = CliRun.of("predict", "--model", missing, "--data", missing, "--out",
                    ro.resolve("p.csv").toString());
            assertEquals("ridgeline: error: cannot write " + ro.resolve("p.csv") + ": permission denied",
                    predict.err().strip());
            CliRun export = CliRun.of("export", "--model", missing, "--onnx", ro.resolve("m.onnx").toString());
            assertEquals("ridgeline: error: cannot write " + ro.resolve("m.onnx") + ": permission denied",
                    export.err().strip());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * A read-only file in a writable folder is not replaced: the rename would have succeeded and put the
     * predictions in place of a file this user may not write (as a shell's redirection would refuse to).
     */
    @Test
    void aReadOnlyOutputFileIsNotReplaced() throws Exception {
        Path kept = Files.writeString(dir.resolve("kept.csv"), "KEEP\n");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("r--r--r--"));
        try {
            assumeFalse(Files.isWritable(kept), "this user can write a 0444 file (root)");
            String missing = dir.resolve("missing.json").toString();
            CliRun predict = CliRun.of("predict", "--model", missing, "--data", missing, "--out", kept.toString());
            assertEquals("ridgeline: error: cannot write " + kept + ": " + AtomicFiles.READ_ONLY, predict.err().strip());
            assertEquals(3, predict.code());
            java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.io.UncheckedIOException.class, () -> AtomicFiles.write(kept, new byte[] {1}));
            assertEquals("cannot write " + kept + ": " + AtomicFiles.READ_ONLY, e.getMessage());
            assertEquals("KEEP\n", Files.readString(kept));
        } finally {
            Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void fileErrorsAreReasonsInWordsWithoutTheInternalPath() {
        assertEquals("permission denied", AtomicFiles.reason(new AccessDeniedException("/x/.model.json123.tmp")));
        assertEquals("no space left on device", AtomicFiles.reason(
                new FileSystemException("/x/.ridgeline-staging.1/cv.png", null, "No space left on device")));
        assertEquals("read-only file system", AtomicFiles.reason(
                new FileSystemException("/x/.tmp", null, "Read-only file system")));
        assertEquals("no such file or folder", AtomicFiles.reason(new java.nio.file.NoSuchFileException("/x/.tmp")));
    }
}
