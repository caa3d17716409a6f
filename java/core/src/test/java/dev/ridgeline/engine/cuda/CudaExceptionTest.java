package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

class CudaExceptionTest {
    @Test
    void namesTheCallAndTheResult() {
        CudaException e = assertThrows(CudaException.class,
                () -> CudaException.check("cuMemAlloc(X, 1024 bytes)", CUresult.CUDA_ERROR_OUT_OF_MEMORY));
        assertEquals("cuMemAlloc(X, 1024 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (2)", e.getMessage());
        assertEquals(CUresult.CUDA_ERROR_OUT_OF_MEMORY, e.result());
        assertEquals("cuMemAlloc(X, 1024 bytes)", e.call());
    }

    /** A kernel's fault surfaces at a later call: the message says how to have the kernel named. */
    @Test
    void aKernelFaultReportedByALaterCallSaysHowToNameTheKernel() {
        CudaException later = new CudaException("cuStreamSynchronize", CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
        assertEquals("cuStreamSynchronize failed: CUDA_ERROR_ILLEGAL_ADDRESS (700); a kernel before this call"
                + " failed: run with -Dridgeline.cuda.checkLaunches=true to name it", later.getMessage());
        CudaException checked = new CudaException(CudaBackend.CHECKED_LAUNCH + "ridge_predict (grid 4x1, 0 B shared)",
                CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
        assertEquals("kernel ridge_predict (grid 4x1, 0 B shared) failed: CUDA_ERROR_ILLEGAL_ADDRESS (700)",
                checked.getMessage());
        assertFalse(new CudaException("cuMemcpyDtoH", CUresult.CUDA_ERROR_INVALID_VALUE).getMessage()
                .contains("checkLaunches"));
    }

    @Test
    void successPasses() {
        assertDoesNotThrow(() -> CudaException.check("cuInit", CUresult.CUDA_SUCCESS));
    }
}
