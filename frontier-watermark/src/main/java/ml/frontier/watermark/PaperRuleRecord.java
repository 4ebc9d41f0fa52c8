package ml.frontier.watermark;

/** What the lab measured about the paper's rule, quoted by every verdict that uses it. */
final class PaperRuleRecord {

    /** From {@code docs/results/watermark-mlp} ({@code frontier lab watermark}, MLP owner, seed 1). */
    static final String MEASURED = "the lab claimed 292 of 399 checks of unrelated models with it, 73%: "
            + "docs/results/watermark-mlp";

    private PaperRuleRecord() {}
}
