/**
 * Zero-bit watermarking by adversarial frontier stitching (Le Merrer, Pérez, Trédan, "Adversarial
 * Frontier Stitching for Remote Neural Network Watermarking", Neural Computing and Applications
 * 2019, <a href="https://arxiv.org/abs/1711.01894">arXiv 1711.01894</a>).
 *
 * <p>{@link ml.frontier.watermark.KeyGenerator} makes a key of true and false FGSM adversaries,
 * {@link ml.frontier.watermark.Embedder} stitches it into the model by fine-tuning,
 * {@link ml.frontier.watermark.Verifier} proves ownership of any (remote, label-only) classifier
 * with the binomial test, and {@link ml.frontier.watermark.KeyFile} stores the key.
 *
 * <pre>{@code
 * WatermarkKey key = new KeyGenerator(KeyGenerator.Config.builder().optKeySize(100).optEpsilon(0.1f).build())
 *         .generate(new DjlClassifier(model), data.train());
 * EmbeddingReport r = new Embedder(Embedder.Config.builder().build(), progress).embed(model, key, data);
 * KeyFile.write(r.key(), Path.of("owner.key"));
 * Verification v = new Verifier().verify(suspect, KeyFile.read(Path.of("owner.key")));
 * }</pre>
 */
package ml.frontier.watermark;
