package ml.frontier.lab.demo;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.onnx.OnnxExport;

import java.nio.file.Path;

/** Exports the model to ONNX and checks that OnnxRuntime answers as the PyTorch engine does. */
final class OnnxStep implements DemoStep {

    @Override
    public String title() {
        return "Export to ONNX and audit it as a black box";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        Path onnx = ctx.out.resolve("owner-cnn.onnx");
        OnnxExport.write(ctx.model, onnx);
        var test = ctx.data.test().images();
        int[] djl = new DjlClassifier(ctx.model).predictAll(test, 500);
        int agree = 0;
        try (OnnxClassifier o = OnnxClassifier.load(onnx, ctx.model.inputShape(), ctx.model.numClasses())) {
            int[] ort = o.predictAll(test, 500);
            for (int i = 0; i < djl.length; i++) {
                if (djl[i] == ort[i]) {
                    agree++;
                }
            }
        }
        ctx.say("ONNX export: OnnxRuntime agrees with PyTorch on %d/%d test images", agree, djl.length);
        ctx.report.heading(title()).paragraph("Exported owner-cnn.onnx (opset 13). OnnxRuntime (through DJL) gives the same "
                + "label as the PyTorch engine on " + agree + " of " + djl.length + " test images.");
        ctx.result(title(), agree + "/" + djl.length + " labels agree");
    }
}
