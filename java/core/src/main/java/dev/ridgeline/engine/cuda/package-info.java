/**
 * The CUDA backend: our own kernels (native/, shipped in the jar as a fatbin) driven through JCuda's
 * driver API. Data is uploaded once per bind and stays resident, parameters stay on the device, and the
 * loss is read back only when asked.
 *
 * <p>Pure host-side logic (launch geometry, memory plan, column table, availability rules) lives in
 * small classes without JCuda calls so it is tested on machines without a GPU.
 */
package dev.ridgeline.engine.cuda;
