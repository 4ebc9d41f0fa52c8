package ml.frontier.serve.protocol;

import java.util.List;
import java.util.Set;

/**
 * OIP datatype names, their element sizes on the wire, and how image pixels map to them.
 *
 * <p>Images are float pixels in {@code [0,1]}. A floating input (FP16/FP32/FP64) carries them
 * as they are; an integer input (UINT8, INT64) carries {@code round(255·x)}, the 0–255 scale of
 * models exported for raw image bytes.
 */
public final class Datatypes {

    public static final String FP16 = "FP16";
    public static final String FP32 = "FP32";
    public static final String FP64 = "FP64";
    public static final String UINT8 = "UINT8";
    public static final String INT32 = "INT32";
    public static final String INT64 = "INT64";

    /** Input datatypes an image can be sent as (server and client). */
    public static final List<String> IMAGE_INPUTS = List.of(FP32, FP16, FP64, UINT8, INT64);

    /** Datatypes whose raw contents can be read as numbers here. */
    public static final List<String> NUMERIC = List.of(FP32, FP16, FP64, UINT8, INT32, INT64);

    /** Datatypes a label output may be served as. */
    public static final List<String> LABEL_OUTPUTS = List.of(INT64, INT32);

    /** Datatypes a probability output may be served as. */
    public static final List<String> SCORE_OUTPUTS = List.of(FP32, FP16);

    /** Integer datatypes a label output may use. */
    public static final Set<String> INTEGERS = Set.of("INT8", "INT16", INT32, INT64, UINT8, "UINT16", "UINT32", "UINT64");

    /** Floating datatypes a score output may use. */
    public static final Set<String> FLOATS = Set.of(FP16, FP32, FP64, "BF16");

    private Datatypes() {}

    /** Bytes per element on the wire, or -1 for a datatype this code does not encode. */
    public static int elementSize(String datatype) {
        return switch (datatype) {
            case UINT8, "INT8", "BOOL" -> 1;
            case FP16, "BF16", "INT16", "UINT16" -> 2;
            case FP32, INT32, "UINT32" -> 4;
            case FP64, INT64, "UINT64" -> 8;
            default -> -1;
        };
    }

    /** True for an input datatype that carries pixels on the 0–255 scale. */
    public static boolean pixelsAsBytes(String datatype) {
        return UINT8.equals(datatype) || INT64.equals(datatype);
    }

    /** {@code datatype} upper-cased if it is one of {@code allowed}; otherwise an IllegalArgumentException. */
    public static String require(String datatype, List<String> allowed, String what) {
        String d = datatype == null ? "" : datatype.trim().toUpperCase(java.util.Locale.ROOT);
        if (!allowed.contains(d)) {
            throw new IllegalArgumentException(what + " datatype must be one of " + String.join(", ", allowed) + ", got '"
                    + datatype + "'");
        }
        return d;
    }
}
