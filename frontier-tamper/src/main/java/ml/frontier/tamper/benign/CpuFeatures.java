package ml.frontier.tamper.benign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU instruction sets libtorch can be forced to on this machine: {@code default} (no
 * vector extensions), {@code avx2} and {@code avx512} when the CPU has them (Linux
 * {@code /proc/cpuinfo}; elsewhere only {@code default} is offered).
 */
public final class CpuFeatures {

    private CpuFeatures() {}

    /** The instruction sets to check, weakest first. */
    public static List<String> instructionSets() {
        List<String> out = new ArrayList<>(List.of("default"));
        String flags = flags();
        if (flags.contains(" avx2 ")) {
            out.add("avx2");
        }
        if (flags.contains(" avx512f ") && flags.contains(" avx512bw ") && flags.contains(" avx512vl ")
                && flags.contains(" avx512dq ")) {
            out.add("avx512");
        }
        return out;
    }

    /**
     * The environment that forces every CPU library libtorch uses to {@code isa}: ATen's own
     * kernels, oneDNN (convolutions) and MKL (GEMMs) each dispatch on their own.
     */
    public static java.util.Map<String, String> environment(String isa) {
        return switch (isa) {
            case "default" -> java.util.Map.of("ATEN_CPU_CAPABILITY", "default", "ONEDNN_MAX_CPU_ISA", "SSE41",
                    "MKL_ENABLE_INSTRUCTIONS", "SSE4_2");
            case "avx2" -> java.util.Map.of("ATEN_CPU_CAPABILITY", "avx2", "ONEDNN_MAX_CPU_ISA", "AVX2",
                    "MKL_ENABLE_INSTRUCTIONS", "AVX2");
            case "avx512" -> java.util.Map.of("ATEN_CPU_CAPABILITY", "avx512", "ONEDNN_MAX_CPU_ISA", "AVX512_CORE",
                    "MKL_ENABLE_INSTRUCTIONS", "AVX512");
            default -> throw new IllegalArgumentException("unknown instruction set '" + isa + "' (default, avx2, avx512)");
        };
    }

    private static String flags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return " " + line.substring(line.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT) + " ";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: only the portable kernels are offered
        }
        return " ";
    }
}
