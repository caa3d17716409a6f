package dev.ridgeline.engine.cuda;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** {@link CudaAvailability.Probe} on the real driver through JCuda. */
final class DriverProbe implements CudaAvailability.Probe {
    @Override
    public String initDriver() {
        int result;
        try {
            JCudaDriver.setExceptionsEnabled(false);
            result = JCudaDriver.cuInit(0);
        } catch (LinkageError e) {
            // libJCudaDriver links against libcuda.so.1: without an NVIDIA driver it cannot load.
            return "libcuda not loadable (no NVIDIA driver?): " + firstLine(e.getMessage());
        }
        if (result == CUresult.CUDA_ERROR_NO_DEVICE) {
            return "no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)";
        }
        if (result != CUresult.CUDA_SUCCESS) {
            return "the CUDA driver does not initialise: cuInit returned " + CUresult.stringFor(result);
        }
        return null;
    }

    @Override
    public int deviceCount() {
        int[] count = {0};
        CudaException.check("cuDeviceGetCount", JCudaDriver.cuDeviceGetCount(count));
        return count[0];
    }

    @Override
    public int driverVersion() {
        int[] version = {0};
        CudaException.check("cuDriverGetVersion", JCudaDriver.cuDriverGetVersion(version));
        return version[0];
    }

    @Override
    public String deviceName() {
        CUdevice device = new CUdevice();
        CudaException.check("cuDeviceGet", JCudaDriver.cuDeviceGet(device, 0));
        byte[] name = new byte[256];
        CudaException.check("cuDeviceGetName", JCudaDriver.cuDeviceGetName(name, name.length, device));
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<KernelImage> kernels() {
        return KernelImage.fromJar();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown reason";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
