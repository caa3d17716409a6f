package dev.ridgeline.engine.cuda;

import static jcuda.driver.JCudaDriver.cuCtxGetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * Device 0's primary context and one stream of this handle's own on it. Every operation of a bound
 * problem runs on that stream in order, so no host synchronisation is needed between kernels; reads back
 * synchronise.
 *
 * <p>The primary context is retained at the first {@link #open()} and kept for the life of the JVM, as
 * CUDA runtimes do: creating it takes the driver a noticeable time (it reserves memory on the device), and
 * a service that trains per request would pay that on every bind if the last close released it. Closing a
 * handle destroys its stream only; the process's exit tears the context down.
 *
 * <p>A kernel's fault is the exception: it leaves the context unusable for good. The context is then marked
 * faulted, so that new binds do not use it, and released once no handle is open on it (the driver then
 * destroys it, with every allocation in it), so that the next bind gets a new one. Until the last handle on
 * it closes, the driver keeps it alive: a problem still running on another thread meets the fault's error,
 * never a new context through a stale handle.
 */
final class CudaContext implements AutoCloseable {
    private static Device device;  // the context new handles use; guarded by CudaContext.class

    private final Device dev;
    private final CUstream stream;
    private boolean open = true;

    /**
     * A retained primary context, what the launch planning asks of the device (read once), and, guarded by
     * CudaContext.class, how many handles are open on it and whether a fault condemned it.
     */
    private static final class Device {
        final CUdevice handle;
        final CUcontext context;
        final String name;
        final int multiprocessors;
        final int maxSharedPerBlock;
        int handles;
        boolean faulted;
        boolean released;

        Device(CUdevice handle, CUcontext context, String name, int multiprocessors, int maxSharedPerBlock) {
            this.handle = handle;
            this.context = context;
            this.name = name;
            this.multiprocessors = multiprocessors;
            this.maxSharedPerBlock = maxSharedPerBlock;
        }
    }

    private CudaContext(Device dev, CUstream stream) {
        this.dev = dev;
        this.stream = stream;
    }

    /**
     * Makes device 0's primary context current on this thread (retaining it once) and creates a stream. A
     * context an earlier kernel's fault left unusable is given up, and the bind tried once more on a new one;
     * while problems on the old one are still open, the driver hands back the old one again and the bind
     * fails, saying so.
     */
    static CudaContext open() {
        Device d = acquire();
        try {
            return on(d);
        } catch (CudaException e) {
            release(d);
            if (!e.kernelFault()) {
                throw e;
            }
            condemn(d);
            Device next = acquire();
            try {
                return on(next);
            } catch (CudaException again) {
                release(next);
                if (again.kernelFault()) {
                    condemn(next);
                    again.addSuppressed(e);
                    throw new IllegalStateException("the CUDA context is unusable after a kernel fault, and bound"
                            + " problems on it are still open: close them, then bind again", again);
                }
                throw again;
            }
        }
    }

    /**
     * The context new handles use, counted as held by one more handle in the same step: a fault condemning it
     * on another thread between the two would release it, and the handle would then set a destroyed context
     * current. {@link #release} undoes it for a handle that was not made.
     */
    private static synchronized Device acquire() {
        Device d = device();
        d.handles++;
        return d;
    }

    /** The count of a handle {@link #acquire} counted and that was not made, or has closed. */
    private static synchronized void release(Device d) {
        d.handles--;
        releaseIfUnused(d);
    }

    /** A handle on {@code d}, which {@link #acquire} counted: makes its context current and creates a stream. */
    private static CudaContext on(Device d) {
        CudaException.check("cuCtxSetCurrent", cuCtxSetCurrent(d.context));
        CUstream stream = new CUstream();
        // Non-blocking: no implicit order with the legacy default stream, whose use (by any library in the
        // process) while this stream captured a graph would fail and invalidate the capture.
        CudaException.check("cuStreamCreate", cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING));
        return new CudaContext(d, stream);
    }

    /** Retains the primary context at the first call; a failed attempt is tried again by the next call. */
    private static synchronized Device device() {
        if (device == null) {
            JCudaDriver.setExceptionsEnabled(false);
            CudaException.check("cuInit", cuInit(0));
            CUdevice handle = new CUdevice();
            CudaException.check("cuDeviceGet(0)", cuDeviceGet(handle, 0));
            // The queries first: once retained, nothing below may fail and leave a retain unrecorded.
            String name = new DriverProbe().deviceName();
            int multiprocessors = attribute(handle, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
            int maxShared = attribute(handle, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
            CUcontext context = new CUcontext();
            CudaException.check("cuDevicePrimaryCtxRetain", cuDevicePrimaryCtxRetain(context, handle));
            device = new Device(handle, context, name, multiprocessors, maxShared);
        }
        return device;
    }

    /** Marks {@code d} faulted: new binds retain afresh; the retain of {@code d} goes with its last handle. */
    private static synchronized void condemn(Device d) {
        d.faulted = true;
        if (device == d) {
            device = null;
        }
        releaseIfUnused(d);
    }

    private static void releaseIfUnused(Device d) {
        if (d.faulted && d.handles == 0 && !d.released) {
            d.released = true;
            cuDevicePrimaryCtxRelease(d.handle);  // its result is moot: the context is lost either way
        }
    }

    /**
     * Whether device 0's primary context is alive now (retained by this JVM or anyone in the process); asks
     * the driver without retaining it, for tests.
     */
    static boolean primaryContextActive() {
        CUdevice handle = new CUdevice();
        CudaException.check("cuDeviceGet(0)", cuDeviceGet(handle, 0));
        int[] flags = {0};
        int[] active = {0};
        CudaException.check("cuDevicePrimaryCtxGetState", JCudaDriver.cuDevicePrimaryCtxGetState(handle, flags,
                active));
        return active[0] != 0;
    }

    /** Whether a kernel's fault condemned this handle's context (see the class comment). */
    boolean lost() {
        synchronized (CudaContext.class) {
            return dev.faulted;
        }
    }

    /** Condemns this handle's context after a kernel's fault reported to it; see {@link #condemn}. */
    void discardAfterFault() {
        condemn(dev);
    }

    /**
     * The calling thread's current context: a handle of address 0 when it has none, as before the driver's
     * initialisation (where the driver answers CUDA_ERROR_NOT_INITIALIZED).
     */
    static CUcontext current() {
        CUcontext c = new CUcontext();
        int result = cuCtxGetCurrent(c);
        if (result == CUresult.CUDA_ERROR_NOT_INITIALIZED) {
            return new CUcontext();
        }
        CudaException.check("cuCtxGetCurrent", result);
        return c;
    }

    /**
     * Makes this handle's context current on the calling thread and returns the one that was, for
     * {@link #restore}: each entry point of a bound problem leaves the thread's context as it found it.
     */
    CUcontext enter() {
        CUcontext previous = current();
        makeCurrent();
        return previous;
    }

    /**
     * Makes {@code previous} (from {@link #current} or {@link #enter}) current again. Its result is not checked:
     * it runs in finally blocks, where it must not hide the body's own error, and a previous context the caller
     * destroyed meanwhile is no context to go back to.
     */
    static void restore(CUcontext previous) {
        cuCtxSetCurrent(previous);
    }

    /** Binds the context to the calling thread (JCuda calls may come from any thread). */
    void makeCurrent() {
        if (lost()) {
            throw new IllegalStateException("the CUDA context of this bound problem was given up after a kernel"
                    + " fault; bind the problem again");
        }
        CudaException.check("cuCtxSetCurrent", cuCtxSetCurrent(dev.context));
    }

    CUstream stream() {
        return stream;
    }

    String deviceName() {
        return dev.name;
    }

    int multiprocessors() {
        return dev.multiprocessors;
    }

    int maxSharedPerBlock() {
        return dev.maxSharedPerBlock;
    }

    long freeBytes() {
        long[] free = {0};
        long[] total = {0};
        CudaException.check("cuMemGetInfo", cuMemGetInfo(free, total));
        return free[0];
    }

    void synchronize() {
        CudaException.check("cuStreamSynchronize", cuStreamSynchronize(stream));
    }

    private static int attribute(CUdevice handle, int which) {
        int[] value = {0};
        CudaException.check("cuDeviceGetAttribute(" + which + ")", cuDeviceGetAttribute(value, which, handle));
        return value[0];
    }

    /**
     * Destroys this handle's stream (unless a fault condemned the context: the stream goes with it) and, as
     * the last handle on a condemned context, releases it. A fault reported here condemns the context.
     */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        CudaException fault = null;
        if (!lost()) {
            cuCtxSetCurrent(dev.context);
            try {
                CudaException.check("cuStreamDestroy", cuStreamDestroy(stream));
            } catch (CudaException e) {
                fault = e;
            }
        }
        synchronized (CudaContext.class) {
            dev.handles--;
            if (fault != null && fault.kernelFault()) {
                condemn(dev);
            } else {
                releaseIfUnused(dev);
            }
        }
        if (fault != null) {
            throw fault;
        }
    }
}
