/**
 * Zero-bit watermarking by adversarial frontier stitching (Le Merrer, Pérez, Trédan, "Adversarial
 * Frontier Stitching for Remote Neural Network Watermarking", Neural Computing and Applications
 * 2019, <a href="https://arxiv.org/abs/1711.01894">arXiv 1711.01894</a>), with verdicts that
 * never accuse an innocent model more often than they say.
 *
 * <p>{@link ml.frontier.watermark.FrontierStitching} marks a model in one call:
 * {@link ml.frontier.watermark.KeyGenerator} makes a key of FGSM adversaries and
 * {@link ml.frontier.watermark.Embedder} stitches it in by fine-tuning.
 * {@link ml.frontier.watermark.Verifier} proves ownership of any (remote, label-only) classifier
 * with a {@link ml.frontier.watermark.DecisionRule}; {@link ml.frontier.watermark.KeyFile} and
 * {@link ml.frontier.watermark.ReferenceSet} store the key and the reference answers.
 *
 * <h2>Why the default key is sound</h2>
 * The paper labels key images with their original labels and tests {@code m} against
 * Binomial(k, ½). That null does not hold: any good model answers most such images correctly,
 * so unrelated models fall below θ (measured: 57 of 70 null checks claimed). The default
 * {@link ml.frontier.watermark.KeyScheme#COIN} key counts only true adversaries {@code x'} of the
 * owner's model (it answers {@code a ≠ y}) and labels each, after all images are chosen, by a
 * secret fair coin: {@code y} or {@code a}. Take any model {@code f} trained without the key. Its
 * answer {@code f(x')} does not depend on the coin, and it can equal at most one of {@code y} and
 * {@code a}, so it matches the key label with probability ½ (it answers {@code y} or {@code a})
 * or 0 (anything else), independently across images given the images. The number of matches is
 * therefore stochastically below Binomial(k, ½), {@code m} above it, and
 * {@code P(m < θ) ≤ P(Z ≤ θ−1) ≤ α} whatever {@code f}'s architecture or training data. The
 * argument needs only that the coins stay secret and that nothing about them shapes the images;
 * it is tested by {@code WatermarkTest}.
 *
 * <pre>{@code
 * FrontierStitching.Marking mk = new FrontierStitching(KeyGenerator.Config.builder().build(),
 *         Embedder.Config.builder().build(), progress).mark(model, data);
 * KeyFile.write(mk.key(), Path.of("owner.key"));
 * Verification v = new Verifier().verify(suspect, KeyFile.read(Path.of("owner.key")));
 * }</pre>
 */
package ml.frontier.watermark;
