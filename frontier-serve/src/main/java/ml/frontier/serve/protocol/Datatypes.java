package ml.frontier.serve.protocol;

import java.util.Set;

/** OIP datatype names used here. */
public final class Datatypes {

    public static final String FP32 = "FP32";
    public static final String FP64 = "FP64";
    public static final String INT64 = "INT64";

    /** Integer datatypes a label output may use. */
    public static final Set<String> INTEGERS = Set.of("INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64");

    /** Floating datatypes a score output may use. */
    public static final Set<String> FLOATS = Set.of("FP16", FP32, FP64, "BF16");

    private Datatypes() {}
}
