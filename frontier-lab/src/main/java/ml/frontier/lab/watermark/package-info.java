/**
 * The frontier-stitching study, sized for a soundness claim: owners' networks marked with coin
 * keys and paper keys; every key checked against a pool of unrelated models from the families a
 * court would ask about (the same recipe with other seeds, other data, other architectures and
 * widths, PyTorch-made ONNX models, a sham control fine-tuned as long without the key) under the
 * binomial, conformal and paper rules; false claims per family with Clopper–Pearson bounds;
 * removal attacks on the marked model with the share of in-budget copies still claimed; the ROC
 * of m. Resumable: trained models and attacked copies' answers are cached in the output directory.
 */
package ml.frontier.lab.watermark;
