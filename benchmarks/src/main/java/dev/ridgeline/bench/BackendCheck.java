package dev.ridgeline.bench;

import dev.ridgeline.engine.BackendProvider;
import dev.ridgeline.engine.Backends;

/**
 * {@code BackendCheck NAME}: exits 0 when the named backend can run here, 1 otherwise, and prints the
 * provider's one-line reason. {@code run.sh} uses it to decide whether the CUDA benchmark is included.
 */
public final class BackendCheck {
    private BackendCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BackendCheck <backend name>");
            System.exit(2);
        }
        for (BackendProvider p : Backends.providers()) {
            if (p.name().equals(args[0])) {
                BackendProvider.Availability a = p.availability();
                System.out.println(p.name() + (a.available() ? " available: " : " unavailable: ") + a.reason());
                System.exit(a.available() ? 0 : 1);
            }
        }
        System.out.println(args[0] + " unavailable: no provider of that name on the class path");
        System.exit(1);
    }
}
