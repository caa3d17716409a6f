package dev.ridgeline.cli;

import dev.ridgeline.card.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Version and source commit of this build ({@link BuildInfo}), and the Java that runs it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"ridgeline " + BuildInfo.currentDescription(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
