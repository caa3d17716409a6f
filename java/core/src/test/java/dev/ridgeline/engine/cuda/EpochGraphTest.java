package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

/** What a capture does when a launch in it failed: without a GPU, on the driver's return codes. */
class EpochGraphTest {
    @Test
    void aPartialGraphIsDestroyedAndTheLaunchErrorKept() {
        RuntimeException launch = new CudaException("cuLaunchKernel(ridge_fused_pass)", CUresult.CUDA_ERROR_INVALID_VALUE);
        AtomicInteger destroyed = new AtomicInteger();
        EpochGraph.endFailedCapture(launch, CUresult.CUDA_SUCCESS, destroyed::incrementAndGet);
        assertEquals(1, destroyed.get());
        assertEquals(0, launch.getSuppressed().length);
    }

    @Test
    void aFailedEndOfCaptureIsAddedToTheLaunchErrorAsSuppressed() {
        RuntimeException launch = new CudaException("cuLaunchKernel(ridge_fused_pass)", CUresult.CUDA_ERROR_INVALID_VALUE);
        AtomicInteger destroyed = new AtomicInteger();
        EpochGraph.endFailedCapture(launch, CUresult.CUDA_ERROR_STREAM_CAPTURE_INVALIDATED, destroyed::incrementAndGet);
        assertEquals(0, destroyed.get(), "no graph is returned when ending the capture fails");
        assertEquals(1, launch.getSuppressed().length);
        assertEquals("cuStreamEndCapture failed: CUDA_ERROR_STREAM_CAPTURE_INVALIDATED (901)",
                launch.getSuppressed()[0].getMessage());
    }
}
