package ml.frontier.core.model;

/** Frontier's version, for provenance records and {@code --version}. */
public final class FrontierVersion {
    public static final String VERSION = "0.1.0";

    private FrontierVersion() {}
}
