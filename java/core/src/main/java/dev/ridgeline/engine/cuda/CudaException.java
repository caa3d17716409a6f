package dev.ridgeline.engine.cuda;

import java.util.Set;
import jcuda.driver.CUresult;

/**
 * A CUDA driver call failed: the message names the call and the CUresult. A kernel's fault is reported by
 * whichever call comes next, so for those results the message says how to learn which kernel it was.
 */
public final class CudaException extends RuntimeException {
    private final String call;
    private final int result;

    /** Results a running kernel leaves in the context ("sticky"), reported by a later, innocent call. */
    private static final Set<Integer> KERNEL_FAULTS = Set.of(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS,
            CUresult.CUDA_ERROR_LAUNCH_FAILED, CUresult.CUDA_ERROR_MISALIGNED_ADDRESS,
            CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION, CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE,
            CUresult.CUDA_ERROR_INVALID_PC, CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR, CUresult.CUDA_ERROR_ASSERT,
            CUresult.CUDA_ERROR_LAUNCH_TIMEOUT);

    public CudaException(String call, int result) {
        super(call + " failed: " + CUresult.stringFor(result) + " (" + result + ")"
                + (KERNEL_FAULTS.contains(result) && !call.startsWith(CudaBackend.CHECKED_LAUNCH)
                        && !Boolean.getBoolean(CudaBackend.CHECK_LAUNCHES_PROPERTY)
                        ? "; a kernel before this call failed: run with -D" + CudaBackend.CHECK_LAUNCHES_PROPERTY
                                + "=true to name it"
                        : ""));
        this.call = call;
        this.result = result;
    }

    /**
     * Whether a kernel faulted: such an error stays with the context, which every later call then fails, until
     * the context is destroyed.
     */
    public boolean kernelFault() {
        return KERNEL_FAULTS.contains(result);
    }

    /** Throws when {@code result} is not CUDA_SUCCESS. */
    static void check(String call, int result) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call, result);
        }
    }

    public String call() {
        return call;
    }

    public int result() {
        return result;
    }
}
