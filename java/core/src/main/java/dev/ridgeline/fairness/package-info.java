/**
 * Fairness of a regression model across groups defined by sensitive columns: metrics overall and per group,
 * disparities (min, max, difference, ratio, and each group against overall) with seeded bootstrap intervals
 * (resampled within each group for the groups and the disparities, over all rows for the overall figures), and bounded-group-loss mitigation by reweighting groups through a weight column.
 */
package dev.ridgeline.fairness;
