/** {@code frontier serve}: deploy model files behind an Open Inference Protocol v2 server. */
package ml.frontier.cli.serve;
