package ml.frontier.gan;

/** The three ways to train. */
public enum GanMode {
    STANDALONE, FLGAN, MDGAN
}
