package dev.ridgeline.engine.cuda;

import java.util.Map;
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

    /**
     * Results that say the GPU cannot serve this process now, not that the code or the data is wrong, each with what
     * to do. The memory check before training ({@code MemoryPlan}) turns a problem too large for the GPU into a
     * plain error; an allocation can still fail after it when another process takes memory in between. A GPU in
     * exclusive-process compute mode that another process holds, or in prohibited mode, passes the availability
     * check (which creates no context) and fails at the first context.
     */
    private static final Map<Integer, String> UNAVAILABLE = Map.of(
            CUresult.CUDA_ERROR_OUT_OF_MEMORY, "the GPU ran out of free memory (another process may have taken some"
                    + " since the check before training): free it, train fewer rows or models at once, or pass"
                    + " --backend java-vector",
            CUresult.CUDA_ERROR_DEVICE_UNAVAILABLE, "the GPU is unavailable to this process (another process"
                    + " holds it in exclusive-process compute mode, or its compute mode is prohibited): wait for it,"
                    + " or pass --backend java-vector");

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

    /**
     * What to do when the failure is the GPU's state rather than a fault (out of memory, held by another process),
     * else null: a command line reports the former as a user's error, with this advice, not as an internal one.
     */
    public String unavailableAdvice() {
        return UNAVAILABLE.get(result);
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
