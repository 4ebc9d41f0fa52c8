/**
 * What MD-GAN's server and workers say to each other: serialisable message records, the
 * {@link ml.frontier.gan.transport.Transport} interface and its in-process implementation, and
 * the byte counters behind the cost accounting.
 */
package ml.frontier.gan.transport;
