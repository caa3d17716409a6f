/** Data: the chunked float32 DenseMatrix, Dataset, CSV reading, the embedded data, splits. */
package dev.ridgeline.data;
