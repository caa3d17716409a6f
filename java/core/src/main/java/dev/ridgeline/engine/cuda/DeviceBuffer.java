package dev.ridgeline.engine.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;

/**
 * One device allocation with a name for error messages; {@link #close()} frees it (idempotent). A per-call
 * buffer ({@link #allocateOn}) first waits for its stream: the driver does not promise that cuMemFree waits
 * for queued kernels that read the memory, and a call that fails between its launches and its read-back
 * (which waits) leaves them queued.
 */
final class DeviceBuffer implements AutoCloseable {
    private final String name;
    private final long bytes;
    private final CUstream drainedBeforeFree;
    private CUdeviceptr pointer;

    private DeviceBuffer(String name, long bytes, CUdeviceptr pointer, CUstream drainedBeforeFree) {
        this.name = name;
        this.bytes = bytes;
        this.pointer = pointer;
        this.drainedBeforeFree = drainedBeforeFree;
    }

    /** A buffer that owns no device memory (address 0), for tests of launch sequences; never closed. */
    static DeviceBuffer detached(String name, long bytes) {
        return new DeviceBuffer(name, bytes, new CUdeviceptr(), null);
    }

    /**
     * Allocates {@code bytes} (at least 4, so that empty buffers still have an address), for a buffer whose
     * owner waits for its work before freeing it (a bound problem's resident buffers).
     */
    static DeviceBuffer allocate(String name, long bytes) {
        return new DeviceBuffer(name, bytes, allocated(name, bytes), null);
    }

    /** {@link #allocate}, for a buffer of one call's work on {@code stream}: closing it waits for the stream. */
    static DeviceBuffer allocateOn(String name, long bytes, CUstream stream) {
        return new DeviceBuffer(name, bytes, allocated(name, bytes), stream);
    }

    private static CUdeviceptr allocated(String name, long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        CudaException.check("cuMemAlloc(" + name + ", " + bytes + " bytes)", cuMemAlloc(p, Math.max(4, bytes)));
        return p;
    }

    CUdeviceptr pointer() {
        if (pointer == null) {
            throw new IllegalStateException("device buffer '" + name + "' used after close()");
        }
        return pointer;
    }

    String name() {
        return name;
    }

    void upload(float[] src, int count, long byteOffset, CUstream stream) {
        copyIn(Pointer.to(src), count * 4L, byteOffset, stream);
    }

    void upload(double[] src, CUstream stream) {
        copyIn(Pointer.to(src), src.length * 8L, 0, stream);
    }

    void upload(int[] src, int from, int count, CUstream stream) {
        copyIn(Pointer.to(src).withByteOffset(from * 4L), count * 4L, 0, stream);
    }

    /** Copies the first dst.length doubles back once the stream's earlier work is done. */
    void download(double[] dst, CUstream stream) {
        copyOut(Pointer.to(dst), dst.length * 8L, stream);
    }

    /** Copies the first dst.length ints back once the stream's earlier work is done. */
    void download(int[] dst, CUstream stream) {
        copyOut(Pointer.to(dst), dst.length * 4L, stream);
    }

    void zero(CUstream stream) {
        CudaException.check("cuMemsetD32Async(" + name + ")", cuMemsetD32Async(pointer(), 0, bytes / 4, stream));
    }

    private void copyIn(Pointer src, long count, long byteOffset, CUstream stream) {
        checkRange(count, byteOffset);
        // From pageable memory the copy is staged before the call returns, so src may be reused at once.
        CudaException.check("cuMemcpyHtoDAsync(" + name + ")",
                cuMemcpyHtoDAsync(pointer().withByteOffset(byteOffset), src, count, stream));
    }

    /**
     * On the problem's own stream, not the legacy default stream that cuMemcpyDtoH uses: that one may not be
     * used while any blocking stream of the context is capturing a graph (another thread's problem), and it
     * would wait for every other problem's queued work. Into pageable memory the copy returns when done.
     * The stream is drained first: JCuda pins a Java array (a JNI critical region, during which the garbage
     * collector cannot run) for the whole driver call, which would otherwise include every epoch still queued.
     */
    private void copyOut(Pointer dst, long count, CUstream stream) {
        checkRange(count, 0);
        CudaException.check("cuStreamSynchronize", cuStreamSynchronize(stream));
        CudaException.check("cuMemcpyDtoHAsync(" + name + ")", cuMemcpyDtoHAsync(dst, pointer(), count, stream));
        CudaException.check("cuStreamSynchronize", cuStreamSynchronize(stream));
    }

    private void checkRange(long count, long byteOffset) {
        if (byteOffset < 0 || byteOffset + count > bytes) {
            throw new IllegalArgumentException("copy of " + count + " bytes at " + byteOffset
                    + " outside device buffer '" + name + "' of " + bytes + " bytes");
        }
    }

    @Override
    public void close() {
        if (pointer != null) {
            CUdeviceptr p = pointer;
            pointer = null;
            if (drainedBeforeFree != null) {
                // Unchecked: after a fault the wait fails and the free is moot; the caller has the first error.
                cuStreamSynchronize(drainedBeforeFree);
            }
            CudaException.check("cuMemFree(" + name + ")", cuMemFree(p));
        }
    }
}
