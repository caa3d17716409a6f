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
 * Device 0's primary context and one stream on it. Every operation of a bound problem runs on that
 * stream in order, so no host synchronisation is needed between kernels; reads back synchronise.
 */
final class CudaContext implements AutoCloseable {
    private final CUdevice device;
    private final CUcontext context;
    private final CUstream stream;
    private final String name;
    private final int multiprocessors;
    private final int maxSharedPerBlock;
    private boolean open = true;

    private CudaContext(CUdevice device, CUcontext context, CUstream stream, String name) {
        this.device = device;
        this.context = context;
        this.stream = stream;
        this.name = name;
        this.multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        this.maxSharedPerBlock = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
    }

    /** Retains device 0's primary context and creates a stream; released again on failure. */
    static CudaContext open() {
        JCudaDriver.setExceptionsEnabled(false);
        CudaException.check("cuInit", cuInit(0));
        CUdevice device = new CUdevice();
        CudaException.check("cuDeviceGet(0)", cuDeviceGet(device, 0));
        CUcontext context = new CUcontext();
        CudaException.check("cuDevicePrimaryCtxRetain", cuDevicePrimaryCtxRetain(context, device));
        try {
            CudaException.check("cuCtxSetCurrent", cuCtxSetCurrent(context));
            CUstream stream = new CUstream();
            CudaException.check("cuStreamCreate", cuStreamCreate(stream, 0));
            try {
                return new CudaContext(device, context, stream, new DriverProbe().deviceName());
            } catch (RuntimeException e) {
                cuStreamDestroy(stream);
                throw e;
            }
        } catch (RuntimeException e) {
            cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    /** Binds the context to the calling thread (JCuda calls may come from any thread). */
    void makeCurrent() {
        CudaException.check("cuCtxSetCurrent", cuCtxSetCurrent(context));
    }

    CUstream stream() {
        return stream;
    }

    String deviceName() {
        return name;
    }

    int multiprocessors() {
        return multiprocessors;
    }

    int maxSharedPerBlock() {
        return maxSharedPerBlock;
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

    private int attribute(int which) {
        int[] value = {0};
        CudaException.check("cuDeviceGetAttribute(" + which + ")", cuDeviceGetAttribute(value, which, device));
        return value[0];
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        makeCurrent();
        int destroyed = cuStreamDestroy(stream);
        int released = cuDevicePrimaryCtxRelease(device);
        CudaException.check("cuStreamDestroy", destroyed);
        CudaException.check("cuDevicePrimaryCtxRelease", released);
    }
}
