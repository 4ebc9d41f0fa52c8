/**
 * {@code frontier gan server|worker|shard}: MD-GAN across machines over gRPC (module
 * frontier-gan-grpc): the server that holds the generator, the workers that hold the data
 * shards, and the helper that cuts a dataset into shard directories.
 */
package ml.frontier.cli.gan.net;
