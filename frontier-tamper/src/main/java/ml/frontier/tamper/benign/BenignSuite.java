package ml.frontier.tamper.benign;

import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Which benign re-deployments marker generation checks. The in-process ones (batch sizes 1–1024
 * and a copy) always run; the others can be turned off for speed in tests and experiments.
 *
 * @param rounding FP16 and TF32 storage rounding ({@link Rounded})
 * @param onnx ONNX Runtime, where the model can be exported ({@link OnnxRuntime})
 * @param freshProcesses fresh JVMs with 1 and 2 threads and every instruction set ({@link FreshProcesses})
 */
public record BenignSuite(boolean rounding, boolean onnx, boolean freshProcesses) {

    /** Everything. */
    public static BenignSuite full() {
        return new BenignSuite(true, true, true);
    }

    /** Everything that runs in this process (no fresh JVMs). */
    public static BenignSuite inProcessOnly() {
        return new BenignSuite(true, true, false);
    }

    /** The re-deployments that run in this process, for {@code model}. */
    public List<Redeployment> inProcess(TrainableModel model) {
        List<Redeployment> out = new ArrayList<>(List.of(new InProcess(model)));
        if (rounding) {
            out.add(new Rounded(model, Rounding.FP16, Rounding.TF32));
        }
        if (onnx && OnnxRuntime.applies(model)) {
            out.add(new OnnxRuntime(model));
        }
        return out;
    }

    /** The fresh-process re-deployment, or null when off. */
    public Redeployment fresh(TrainableModel model) {
        return freshProcesses ? FreshProcesses.defaults(model) : null;
    }

    /** What this suite cannot check on {@code model}, with the reason. */
    public List<String> notChecked(TrainableModel model) {
        List<String> out = new ArrayList<>();
        if (!rounding) {
            out.add("fp16/tf32 rounding: turned off");
        }
        if (!onnx) {
            out.add("onnxruntime: turned off");
        } else if (!OnnxRuntime.applies(model)) {
            out.add("onnxruntime: " + model.describe() + " cannot be exported to ONNX here");
        }
        if (!freshProcesses) {
            out.add("fresh processes (threads, instruction sets): turned off");
        }
        out.add("GPU kernels: no GPU on this machine (FP16/TF32 storage rounding simulated instead)");
        return out;
    }
}
