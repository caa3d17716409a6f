package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A solve whose (n, n) matrices cannot fit in the heap is refused before any work, with the sizes and the solver
 * that needs no such matrix; one that fits passes.
 */
class ExactSolverRoomTest {
    @Test
    void matricesBeyondTheHeapAreRefusedWithTheirSize() {
        // 20,000 features, one weight column: a Gram matrix and a factor of 3,052 MiB each.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactSolver.requireRoom(20_000, 1, 5_358L << 20));
        assertEquals("the exact solve of 20,000 features needs 2 matrices of 20,000 x 20,000 doubles (6,103 MiB),"
                + " more than the 5,358 MiB heap: gradient descent (--solver gd or sgd) needs no such matrix, and its"
                + " cost grows with n, not n^3", e.getMessage());
        // Three weight columns: three Gram matrices and the factor.
        assertThrows(IllegalArgumentException.class, () -> ExactSolver.requireRoom(1_000, 3, 30L << 20));
        ExactSolver.requireRoom(1_000, 3, 31L << 20);
        ExactSolver.requireRoom(20_000, 1, 6_104L << 20);
    }
}
