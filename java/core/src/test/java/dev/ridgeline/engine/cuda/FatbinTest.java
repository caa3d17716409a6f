package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fatbin that the build put into the classes (when nvcc was on the PATH) carries SASS for sm_80,
 * sm_86, sm_89, sm_90, PTX for compute_90, and every kernel; read with a small parser of the fatbin
 * container (header 0xBA55ED50, then entries: kind 1 = PTX, 2 = ELF, architecture at byte 28).
 */
class FatbinTest {
    private static KernelImage image() {
        Optional<KernelImage> image = KernelImage.fromJar();
        assumeTrue(image.isPresent(), "kernels not built into the classes (no nvcc on the PATH at build time)");
        return image.get();
    }

    @Test
    void carriesTheFourSassArchitecturesAndPtx() {
        Set<String> entries = entries(image().fatbin());
        assertEquals(new TreeSet<>(Set.of("elf sm_80", "elf sm_86", "elf sm_89", "elf sm_90", "ptx sm_90")), entries);
    }

    /** The architectures the availability check reads from the properties are those in the fatbin. */
    @Test
    void recordsTheArchitecturesItHolds() {
        KernelImage image = image();
        Set<String> recorded = new TreeSet<>();
        for (String a : image.architectures()) {
            recorded.add(a.startsWith("compute_") ? "ptx sm_" + a.substring(8) : "elf " + a);
        }
        assertEquals(entries(image.fatbin()), recorded);
    }

    @Test
    void carriesEveryKernelName() {
        String text = new String(image().fatbin(), StandardCharsets.ISO_8859_1);
        for (String name : KernelNames.ALL) {
            assertTrue(text.contains(name), name + " missing from the fatbin");
        }
    }

    @Test
    void recordsTheDriverItNeeds() {
        KernelImage image = image();
        assertTrue(image.minimumDriverVersion() >= 11000, "minimum driver " + image.minimumDriverVersion());
        assertEquals(image.toolkit(), KernelImage.versionText(image.minimumDriverVersion()));
    }

    static Set<String> entries(byte[] fatbin) {
        ByteBuffer b = ByteBuffer.wrap(fatbin).order(ByteOrder.LITTLE_ENDIAN);
        Set<String> out = new TreeSet<>();
        int off = 0;
        while (off + 16 <= fatbin.length) {
            assertEquals(0xBA55ED50, b.getInt(off), "fatbin magic at " + off);
            int headerSize = Short.toUnsignedInt(b.getShort(off + 6));
            long size = b.getLong(off + 8);
            long e = off + headerSize;
            long end = e + size;
            while (e < end) {
                int kind = Short.toUnsignedInt(b.getShort((int) e));
                long entryHeader = Integer.toUnsignedLong(b.getInt((int) e + 4));
                long payload = b.getLong((int) e + 8);
                int arch = b.getInt((int) e + 28);
                out.add((kind == 1 ? "ptx" : kind == 2 ? "elf" : "kind" + kind) + " sm_" + arch);
                e += entryHeader + payload;
            }
            off = (int) end;
        }
        return out;
    }
}
