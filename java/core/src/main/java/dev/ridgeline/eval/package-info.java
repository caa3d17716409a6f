/** Evaluation: regression metrics. */
package dev.ridgeline.eval;
