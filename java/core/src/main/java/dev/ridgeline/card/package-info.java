/**
 * Accountability: the model card (Mitchell et al. 2019) and provenance record of a trained model, written as
 * {@code model-card.json} (for machines) and {@code model-card.md} (for people), atomically.
 */
package dev.ridgeline.card;
