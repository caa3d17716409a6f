package dev.ridgeline.engine.cuda;

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
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * Device 0's primary context and one stream of this handle's own on it. Every operation of a bound
 * problem runs on that stream in order, so no host synchronisation is needed between kernels; reads back
 * synchronise.
 *
 * <p>The primary context is retained at the first {@link #open()} and kept for the life of the JVM, as
 * CUDA runtimes do: creating it takes the driver a noticeable time (it reserves memory on the device), and
 * a service that trains per request would pay that on every bind if the last close released it. Closing a
 * handle destroys its stream only; the process's exit tears the context down. A kernel's fault is the
 * exception: it leaves the context unusable, so it is released then (see {@link #open()}).
 */
final class CudaContext implements AutoCloseable {
    private static Device device;  // guarded by CudaContext.class

    private final Device dev;
    private final CUstream stream;
    private boolean open = true;

    /** The retained primary context and what the launch planning asks of the device, read once. */
    private record Device(CUdevice handle, CUcontext context, String name, int multiprocessors,
            int maxSharedPerBlock) {
    }

    private CudaContext(Device dev, CUstream stream) {
        this.dev = dev;
        this.stream = stream;
    }

    /**
     * Makes device 0's primary context current on this thread (retaining it once) and creates a stream. A
     * context that an earlier kernel's fault left unusable is released and a new one retained, so that one
     * fault does not fail every later bind of the JVM.
     */
    static CudaContext open() {
        Device d = device();
        try {
            return on(d);
        } catch (CudaException e) {
            if (!e.kernelFault()) {
                throw e;
            }
            discard(d);
            return on(device());
        }
    }

    private static CudaContext on(Device d) {
        CudaException.check("cuCtxSetCurrent", cuCtxSetCurrent(d.context()));
        CUstream stream = new CUstream();
        CudaException.check("cuStreamCreate", cuStreamCreate(stream, 0));
        return new CudaContext(d, stream);
    }

    /**
     * Releases the retained context after a kernel's fault (the driver then destroys it, with every
     * allocation in it); the next {@link #open()} retains a new one. Handles on the old one refuse to go on.
     */
    private static synchronized void discard(Device poisoned) {
        if (device == poisoned) {
            device = null;
            cuDevicePrimaryCtxRelease(poisoned.handle());  // its result is moot: the context is lost either way
        }
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
            device = new Device(handle, context, name, multiprocessors, maxShared);  // never released
        }
        return device;
    }

    /** Whether device 0's primary context is alive now (retained by this JVM or anyone in the process). */
    static boolean primaryContextActive() {
        int[] flags = {0};
        int[] active = {0};
        CudaException.check("cuDevicePrimaryCtxGetState",
                JCudaDriver.cuDevicePrimaryCtxGetState(device().handle(), flags, active));
        return active[0] != 0;
    }

    /** Whether this handle's context was released after a kernel's fault (its stream and memory went with it). */
    boolean lost() {
        synchronized (CudaContext.class) {
            return device != dev;
        }
    }

    /** Releases this handle's context after a kernel's fault reported to it; see {@link #discard}. */
    void discardAfterFault() {
        discard(dev);
    }

    /** Binds the context to the calling thread (JCuda calls may come from any thread). */
    void makeCurrent() {
        if (lost()) {
            throw new IllegalStateException("the CUDA context of this bound problem was released after a kernel"
                    + " fault; bind the problem again");
        }
        CudaException.check("cuCtxSetCurrent", cuCtxSetCurrent(dev.context()));
    }

    CUstream stream() {
        return stream;
    }

    String deviceName() {
        return dev.name();
    }

    int multiprocessors() {
        return dev.multiprocessors();
    }

    int maxSharedPerBlock() {
        return dev.maxSharedPerBlock();
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
     * Destroys this handle's stream; the primary context stays retained (see the class comment) unless a
     * kernel's fault made it unusable, in which case it is released for the next {@link #open()}.
     */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        if (lost()) {
            return;  // the stream went with the context
        }
        makeCurrent();
        try {
            CudaException.check("cuStreamDestroy", cuStreamDestroy(stream));
        } catch (CudaException e) {
            if (e.kernelFault()) {
                discard(dev);
            }
            throw e;
        }
    }
}
