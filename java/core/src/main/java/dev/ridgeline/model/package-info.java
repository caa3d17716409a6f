/** Trained models: coefficients with their preprocessing, in standardised and original units. */
package dev.ridgeline.model;
