package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.engine.cuda.CudaException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A CUDA call that fails because of the GPU's state (out of memory since the check before training, or held by
 * another process in exclusive mode) is the machine's condition, reported as one error line with what to do and
 * exit 3; a kernel fault or another failed call stays an internal error with the stack-trace hint.
 */
class GpuUnavailableMessageTest {
    @Test
    void anAllocationTheGpuCannotServeIsOneLineWithWhatToDo() {
        CudaException oom = new CudaException("cuMemAlloc(X, 1073741824 bytes)", CUresult.CUDA_ERROR_OUT_OF_MEMORY);
        Handled h = handle(oom);
        assertEquals(Main.EXIT_DATA, h.code);
        assertEquals("ridgeline: error: the CUDA backend's cuMemAlloc(X, 1073741824 bytes) failed:"
                + " CUDA_ERROR_OUT_OF_MEMORY (2): the GPU ran out of free memory (another process may have taken some"
                + " since the check before training): free it, train fewer rows or models at once, or pass"
                + " --backend java-vector" + System.lineSeparator(), h.err);
    }

    @Test
    void aGpuHeldByAnotherProcessIsNamedEvenWhenWrapped() {
        CudaException held = new CudaException("cuDevicePrimaryCtxRetain", CUresult.CUDA_ERROR_DEVICE_UNAVAILABLE);
        Handled h = handle(new CompletionException(held));
        assertEquals(Main.EXIT_DATA, h.code);
        assertEquals("ridgeline: error: the CUDA backend's cuDevicePrimaryCtxRetain failed:"
                + " CUDA_ERROR_DEVICE_UNAVAILABLE (46): the GPU is unavailable to this process (another process holds"
                + " it in exclusive-process compute mode, or its compute mode is prohibited): wait for it, or pass"
                + " --backend java-vector" + System.lineSeparator(), h.err);
    }

    @Test
    void aKernelFaultStaysAnInternalError() {
        CudaException fault = new CudaException("cuStreamSynchronize", CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
        Handled h = handle(fault);
        assertEquals(Main.EXIT_INTERNAL, h.code);
        assertEquals("ridgeline: internal error: " + fault, h.err.lines().findFirst().orElseThrow());
    }

    private record Handled(int code, String err) {
    }

    private static Handled handle(Exception e) {
        CommandLine cmd = new CommandLine(new InfoCommand());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        int code = new ErrorHandler().handleExecutionException(e, cmd, null);
        return new Handled(code, err.toString());
    }
}
