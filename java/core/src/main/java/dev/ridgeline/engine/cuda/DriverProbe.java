package dev.ridgeline.engine.cuda;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** {@link CudaAvailability.Probe} on the real driver through JCuda. */
final class DriverProbe implements CudaAvailability.Probe {
    @Override
    public String initDriver() {
        // Screened first: JCuda's first call unpacks and loads native code (DriverFiles says why that matters).
        java.util.Optional<String> missing = DriverFiles.missing();
        if (missing.isPresent()) {
            return missing.get();
        }
        int result;
        try {
            JCudaDriver.setExceptionsEnabled(false);
            result = JCudaDriver.cuInit(0);
        } catch (LinkageError e) {
            // libJCudaDriver links against libcuda.so.1: without an NVIDIA driver it cannot load.
            return loadFailureReason(e.getMessage());
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
    public int computeCapability() {
        CUdevice device = new CUdevice();
        CudaException.check("cuDeviceGet", JCudaDriver.cuDeviceGet(device, 0));
        int[] major = {0};
        int[] minor = {0};
        CudaException.check("cuDeviceGetAttribute", JCudaDriver.cuDeviceGetAttribute(major,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device));
        CudaException.check("cuDeviceGetAttribute", JCudaDriver.cuDeviceGetAttribute(minor,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device));
        return 10 * major[0] + minor[0];
    }

    @Override
    public int computeMode() {
        CUdevice device = new CUdevice();
        CudaException.check("cuDeviceGet", JCudaDriver.cuDeviceGet(device, 0));
        int[] mode = {0};
        CudaException.check("cuDeviceGetAttribute", JCudaDriver.cuDeviceGetAttribute(mode,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_MODE, device));
        return mode[0];
    }

    @Override
    public Optional<KernelImage> kernels() {
        return KernelImage.fromJar();
    }

    /**
     * One line from JCuda's multi-line load failure: the dynamic loader's complaint about libcuda when
     * there is one ("libcuda.so.1: cannot open shared object file: ..."); else, when the class path holds no
     * JCuda native library for this platform (Ridgeline ships only linux-x86_64's, so on an ARM host such as a
     * Grace Hopper node JCuda looks for "JCudaDriver-12.6.0-linux-aarch64" and finds none), that, since the
     * driver is not to blame; else the first line.
     */
    static String loadFailureReason(String message) {
        String text = message == null ? "unknown reason" : message;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(libcuda[^\\s:]*: [^\\n]*)").matcher(text);
        if (m.find()) {
            return "libcuda not loadable: " + m.group(1).trim() + " (is the NVIDIA driver installed?)";
        }
        java.util.regex.Matcher library = java.util.regex.Pattern.compile("native library \"([^\"]+)\"").matcher(text);
        if (library.find() && !bundled(library.group(1))) {
            return "JCuda's native library " + library.group(1) + " is not on the class path (Ridgeline ships"
                    + " JCuda's driver library for Linux x86-64 only): the CUDA backend does not run on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
        int nl = text.indexOf('\n');
        return "libcuda not loadable: " + (nl < 0 ? text : text.substring(0, nl)).trim();
    }

    /**
     * Whether the class path holds JCuda's native library {@code platformLibrary} where JCuda looks for it
     * (/lib/ and the platform's file name). JCuda's naming helpers load no native code.
     */
    private static boolean bundled(String platformLibrary) {
        try {
            String file = jcuda.LibUtils.createLibraryFileName(platformLibrary);
            return DriverProbe.class.getResource("/lib/" + file) != null;
        } catch (RuntimeException | LinkageError e) {
            return true;  // cannot tell: keep the general reason
        }
    }
}
