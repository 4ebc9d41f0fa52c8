/** Images as {@code N×C×H×W} float32 batches in [0,1], and PNG rendering of them. */
package ml.frontier.core.image;
