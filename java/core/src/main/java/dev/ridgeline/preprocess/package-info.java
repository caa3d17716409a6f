/** Preprocessing fitted on training rows only: scaling. */
package dev.ridgeline.preprocess;
