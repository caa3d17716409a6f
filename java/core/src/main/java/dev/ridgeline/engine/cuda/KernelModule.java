package dev.ridgeline.engine.cuda;

import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor;

import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;

/** The kernels of the jar's fatbin, loaded with cuModuleLoadData (no NVRTC, no nvcc at run time). */
final class KernelModule implements AutoCloseable {
    private final CUmodule module;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private boolean loaded = true;

    private KernelModule(CUmodule module) {
        this.module = module;
    }

    /** Loads every kernel of {@link KernelNames}; unloads again when one is missing. */
    static KernelModule load(KernelImage image) {
        CUmodule module = new CUmodule();
        CudaException.check("cuModuleLoadData(ridgeline.fatbin)", cuModuleLoadData(module, image.fatbin()));
        KernelModule m = new KernelModule(module);
        try {
            for (String name : KernelNames.ALL) {
                CUfunction f = new CUfunction();
                CudaException.check("cuModuleGetFunction(" + name + ")", cuModuleGetFunction(f, module, name));
                m.functions.put(name, f);
            }
            return m;
        } catch (RuntimeException e) {
            try {
                m.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);  // the missing kernel is the error to report
            }
            throw e;
        }
    }

    CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no kernel named " + name);
        }
        return f;
    }

    /** Allows {@code bytes} of dynamic shared memory (above the 48 KiB default needs an opt-in). */
    void allowSharedMemory(String name, long bytes) {
        CudaException.check("cuFuncSetAttribute(" + name + ", MAX_DYNAMIC_SHARED_SIZE_BYTES)",
                cuFuncSetAttribute(function(name),
                        CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, (int) bytes));
    }

    /** Resident blocks per multiprocessor at {@link KernelGeometry#BLOCK} threads and this shared memory. */
    int blocksPerMultiprocessor(String name, long sharedBytes) {
        int[] blocks = {0};
        CudaException.check("cuOccupancyMaxActiveBlocksPerMultiprocessor(" + name + ")",
                cuOccupancyMaxActiveBlocksPerMultiprocessor(blocks, function(name), KernelGeometry.BLOCK,
                        sharedBytes));
        return Math.max(1, blocks[0]);
    }

    @Override
    public void close() {
        if (loaded) {
            loaded = false;
            CudaException.check("cuModuleUnload", cuModuleUnload(module));
        }
    }
}
