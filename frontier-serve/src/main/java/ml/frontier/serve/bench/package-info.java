/**
 * The serving load benchmark ({@code bench/serve/run.sh}): a model for it, in-process
 * throughput of the same batches, a Java HTTP load generator (an alternative to {@code wrk}),
 * and a server to put under load.
 */
package ml.frontier.serve.bench;
