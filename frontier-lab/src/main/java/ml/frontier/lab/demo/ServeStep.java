package ml.frontier.lab.demo;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.client.RemoteClassifier;

import java.util.Locale;

/**
 * Serves the owner's model over the Open Inference Protocol on a free loopback port and queries
 * it through the HTTP client: the labels must equal the in-process ones.
 */
final class ServeStep implements DemoStep {

    @Override
    public String title() {
        return "Serve the model over the Open Inference Protocol v2";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        var test = ctx.data.test().images();
        int[] local = new DjlClassifier(ctx.model).predictAll(test, 500);
        try (OipServer server = OipServer.builder().addModel("owner-cnn", new DjlClassifier(ctx.model)).optPort(0).build().start();
             RemoteClassifier remote = RemoteClassifier.connect(server.modelUrl("owner-cnn"), null)) {
            long t0 = System.nanoTime();
            int[] http = remote.predictAll(test, 256);
            double secs = (System.nanoTime() - t0) / 1e9;
            int agree = 0;
            for (int i = 0; i < http.length; i++) {
                if (http[i] == local[i]) {
                    agree++;
                }
            }
            ctx.say("served at %s; %d/%d labels over HTTP equal the in-process ones (%d queries in %.1f s)",
                    server.modelUrl("owner-cnn"), agree, http.length, remote.queries(), secs);
            ctx.report.heading(title()).paragraph(String.format(Locale.ROOT,
                    "`frontier serve` started on %s. The HTTP client (RemoteClassifier) sent the %d test images in %d requests "
                            + "(%.1f s); %d of %d labels equal the in-process labels.",
                    server.modelUrl("owner-cnn"), http.length, remote.calls(), secs, agree, http.length));
            ctx.result(title(), agree + "/" + http.length + " HTTP labels equal in-process");
        }
    }
}
