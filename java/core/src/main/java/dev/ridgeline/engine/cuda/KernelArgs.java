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
    private final StringBuilder types = new StringBuilder();
    private final List<String> buffers = new ArrayList<>();

    KernelArgs ptr(DeviceBuffer b) {
        args.add(Pointer.to(b == null ? NULL : b.pointer()));
        types.append('P');
        buffers.add(b == null ? "null" : b.name());
        return this;
    }

    KernelArgs i32(int v) {
        args.add(Pointer.to(new int[] {v}));
        types.append('I');
        return this;
    }

    KernelArgs i64(long v) {
        args.add(Pointer.to(new long[] {v}));
        types.append('L');
        return this;
    }

    KernelArgs f64(double v) {
        args.add(Pointer.to(new double[] {v}));
        types.append('D');
        return this;
    }

    /** The C types in order: P pointer, I int, L long long, D double (tests compare with the .cu). */
    String types() {
        return types.toString();
    }

    /** Names of the buffers passed to the pointer parameters, in order ("null" for a null pointer); for tests. */
    List<String> buffers() {
        return List.copyOf(buffers);
    }

    void launchVia(EpochLauncher.KernelLauncher launcher, String kernel, int gridX, int gridY, long sharedBytes) {
        launcher.launch(kernel, this, gridX, gridY, sharedBytes);
    }

    void launch(String kernel, CUfunction f, int gridX, int gridY, long sharedBytes, CUstream stream) {
        Pointer params = Pointer.to(args.toArray(new NativePointerObject[0]));
        CudaException.check("cuLaunchKernel(" + kernel + ", grid " + gridX + "x" + gridY + ")",
                cuLaunchKernel(f, gridX, gridY, 1, KernelGeometry.BLOCK, 1, 1, (int) sharedBytes, stream, params, null));
    }
}
