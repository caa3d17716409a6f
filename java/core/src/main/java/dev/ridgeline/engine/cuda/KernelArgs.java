package dev.ridgeline.engine.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;

/**
 * Typed kernel arguments in declaration order (the C types must match exactly: int, long long, double,
 * pointer), and the launch with a fixed block of {@link KernelGeometry#BLOCK} threads.
 */
final class KernelArgs {
    private static final CUdeviceptr NULL = new CUdeviceptr();
    private final List<NativePointerObject> args = new ArrayList<>();

    KernelArgs ptr(DeviceBuffer b) {
        args.add(Pointer.to(b == null ? NULL : b.pointer()));
        return this;
    }

    KernelArgs i32(int v) {
        args.add(Pointer.to(new int[] {v}));
        return this;
    }

    KernelArgs i64(long v) {
        args.add(Pointer.to(new long[] {v}));
        return this;
    }

    KernelArgs f64(double v) {
        args.add(Pointer.to(new double[] {v}));
        return this;
    }

    void launch(String kernel, CUfunction f, int gridX, int gridY, long sharedBytes, CUstream stream) {
        Pointer params = Pointer.to(args.toArray(new NativePointerObject[0]));
        CudaException.check("cuLaunchKernel(" + kernel + ", grid " + gridX + "x" + gridY + ")",
                cuLaunchKernel(f, gridX, gridY, 1, KernelGeometry.BLOCK, 1, 1, (int) sharedBytes, stream, params, null));
    }
}
