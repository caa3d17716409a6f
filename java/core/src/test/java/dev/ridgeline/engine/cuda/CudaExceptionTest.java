package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void successPasses() {
        assertDoesNotThrow(() -> CudaException.check("cuInit", CUresult.CUDA_SUCCESS));
    }
}
