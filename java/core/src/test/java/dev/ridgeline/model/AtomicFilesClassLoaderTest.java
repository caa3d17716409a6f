package dev.ridgeline.model;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that saves a model and is then undeployed from its container leaves nothing that holds its class
 * loader: the shutdown hook that cleans up temporary files is held only while a save is under way (a hook held
 * for the JVM's life had kept every redeployed application's loader, and all it loaded, reachable).
 */
class AtomicFilesClassLoaderTest {
    @TempDir
    Path dir;

    @Test
    void aSavingApplicationsLoaderIsCollectedOnceItIsDropped() throws Exception {
        WeakReference<ClassLoader> loader = saveInOwnLoader(dir.resolve("model.json"));
        assertTrue(Files.exists(dir.resolve("model.json")), "the save went through");
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(loader.get(), "the class loader of an application that saved a file stayed reachable");
    }

    /** Loads AtomicFiles afresh, as a redeployed application would, saves one file with it and lets go of it. */
    private static WeakReference<ClassLoader> saveInOwnLoader(Path target) throws Exception {
        URL classes = AtomicFiles.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader app = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> files = app.loadClass(AtomicFiles.class.getName());
            assertTrue(files.getClassLoader() == app, "loaded afresh");
            files.getMethod("write", Path.class, byte[].class).invoke(null, target, new byte[] {'{', '}'});
            return new WeakReference<>(app);
        }
    }
}
