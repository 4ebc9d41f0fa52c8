package ml.frontier.watermark;

/** What the lab measured about the paper's rule, quoted by every verdict that uses it. */
final class PaperRuleRecord {

    /** From {@code docs/results/watermark-full}: null checks claimed by the paper's rule. */
    static final String MEASURED = "the lab measured it claiming most unrelated models: see docs/results/";

    private PaperRuleRecord() {}
}
