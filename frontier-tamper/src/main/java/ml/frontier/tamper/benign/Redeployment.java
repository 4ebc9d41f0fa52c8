package ml.frontier.tamper.benign;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;

import java.util.Map;

/** One family of benign re-deployments: labels of the images under each variant, by name. */
public interface Redeployment {

    /** The family's name ("in-process", "fp16", "onnxruntime", "fresh-process"). */
    String name();

    /** Variant name → the labels each image gets under it. */
    Map<String, int[]> labels(ImageBatch images) throws FrontierException;
}
