package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loop of symbolic links (loop1 -> loop2 -> loop1) given to any path option is named as a loop, in one line,
 * exit 3: {@code --out loop1} had been called a link to loop2 "which does not exist", though loop2 exists, and the
 * inputs echoed the system's "Too many levels of symbolic links or unable to access attributes of symbolic link".
 */
class LinkLoopTest {
    @TempDir
    Path dir;

    @Test
    void everyPathOptionNamesALoopOfLinksAsALoop() throws Exception {
        Path loop1 = Files.createSymbolicLink(dir.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), Path.of("loop1"));
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i).append(',').append(i * i % 7).append(',').append(2 * i - i * i % 7 + i % 3).append('\n');
        }
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        String model = dir.resolve("m").resolve("model.json").toString();
        assertEquals(0, CliRun.of("train", "--data", data.toString(), "--target", "y", "--solver", "exact", "--out",
                dir.resolve("m").toString()).code());
        String loop = "a loop of symbolic links (" + loop1 + " -> loop2 -> loop1)";
        String below = loop1.resolve("x").toString();
        String d = data.toString();
        List<List<String>> cases = List.of(
                List.of("--out " + loop1 + " is " + loop + ": point one of them at a folder, or remove them",
                        "train", "--out", loop1.toString()),
                List.of("--out " + below + ": " + loop1 + " is " + loop + ": point one of them at a folder, or"
                        + " remove them", "tune", "--out", below),
                List.of(loop1 + ": cannot read: " + loop, "train", "--data", loop1.toString(), "--no-output"),
                List.of(below + ": cannot read: " + loop, "evaluate", "--model", model, "--data", below),
                List.of(loop1 + ": cannot read: " + loop, "predict", "--model", loop1.toString(), "--data", d),
                List.of("cannot write " + loop1 + ": " + loop, "predict", "--model", model, "--data", d, "--out",
                        loop1.toString()),
                List.of("cannot write " + loop1.resolve("p.csv") + ": " + loop, "predict", "--model", model, "--data",
                        d, "--out", loop1.resolve("p.csv").toString()),
                List.of(loop1 + ": cannot read: " + loop, "explain", "--model", model, "--data", d, "--background",
                        loop1.toString()),
                List.of("cannot write " + loop1 + ": " + loop, "explain", "--model", model, "--data", d, "--out",
                        loop1.toString()),
                List.of("cannot write " + loop1.resolve("importance.png") + ": " + loop, "explain", "--model", model,
                        "--data", d, "--plots", loop1.toString()),
                List.of("cannot write " + loop1 + ": " + loop, "export", "--model", model, "--onnx", loop1.toString()),
                List.of("cannot write " + loop1.resolve("m.onnx") + ": " + loop, "export", "--model", model, "--onnx",
                        loop1.resolve("m.onnx").toString()));
        for (List<String> c : cases) {
            CliRun run = CliRun.of(c.subList(1, c.size()).toArray(String[]::new));
            String command = String.join(" ", c.subList(1, c.size()));
            assertEquals("ridgeline: error: " + c.get(0), run.err().strip(), command);
            assertEquals(Main.EXIT_DATA, run.code(), command);
        }
        assertFalse(Files.exists(dir.resolve("loop1"), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(dir.resolve("loop1")), "the link was replaced");
    }
}
