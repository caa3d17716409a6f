package dev.ridgeline.engine.cuda;

import jcuda.driver.CUresult;

/** A CUDA driver call failed: the message names the call and the CUresult. */
public final class CudaException extends RuntimeException {
    private final String call;
    private final int result;

    public CudaException(String call, int result) {
        super(call + " failed: " + CUresult.stringFor(result) + " (" + result + ")");
        this.call = call;
        this.result = result;
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
