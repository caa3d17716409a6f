package dev.ridgeline.engine;

/** The backend chosen for a request, and the one-line reason for the choice. */
public record BackendChoice(Backend backend, String reason) {
}
