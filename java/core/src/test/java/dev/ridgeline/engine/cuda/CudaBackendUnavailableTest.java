package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.Problem;
import org.junit.jupiter.api.Test;

/**
 * A backend made directly, not through Backends.select, makes the same checks before it binds: on a machine
 * where CUDA is unavailable its bind says why, in the words of the availability check, and touches no driver.
 */
class CudaBackendUnavailableTest {

    @Test
    void bindOnAMachineWithoutCudaSaysWhy() {
        Availability availability = new CudaBackendProvider().availability();
        assumeFalse(availability.available(), "CUDA is available here: the bind would succeed");
        Problem problem = Problem.builder(DenseMatrix.of(new float[][] {{1}, {2}})).model(new float[] {1, 2}, null, 1.0)
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CudaBackend().bind(problem));
        assertEquals("CUDA backend unavailable: " + availability.reason(), e.getMessage());
    }
}
