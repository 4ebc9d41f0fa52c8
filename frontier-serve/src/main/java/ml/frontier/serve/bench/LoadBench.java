package ml.frontier.serve.bench;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.ServedModel;
import ml.frontier.serve.protocol.Datatypes;
import ml.frontier.serve.protocol.InferRequestWriter;
import ml.frontier.serve.protocol.OipJson;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The serving benchmark's entry point ({@code bench/serve/run.sh} calls it).
 *
 * <pre>
 * LoadBench prepare   --dir D [--seed 1] [--epochs 2] [--batches 1,64]   model D/cnn.model, bodies D/body-B.json
 * LoadBench inprocess --model F [--batches 1,64] [--threads 1,2] [--seconds 30]
 * LoadBench serve     --model F [--port 0] [--port-file P] [--grpc-port-file G] [--token-file T] [--max-concurrency N]
 * LoadBench http      --url MODEL_URL --dir D [--batches 1,64] [--connections 64] [--seconds 30] [--token-file T]
 * LoadBench wire      --url MODEL_URL --grpc GRPC_URL [--batches 1,64,256] [--connections 1,2] [--seconds 10] [--token-file T]
 *                     [--open-rate R --open-batch B]     then also R requests/s of B images, open loop
 * LoadBench agree     --model F --url MODEL_URL --grpc GRPC_URL [--token-file T]    exit 1 when labels differ
 * </pre>
 * Results are printed as {@code RESULT key=value ...} lines.
 */
public final class LoadBench {

    private final Map<String, String> opts;

    private LoadBench(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Engines.configureOffline();
        if (args.length == 0 || args.length % 2 == 0) {
            System.err.println("usage: LoadBench prepare|inprocess|serve|http --key value ... (see the class Javadoc)");
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                System.err.println("expected --key value, got " + args[i]);
                System.exit(2);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        LoadBench bench = new LoadBench(opts);
        switch (args[0]) {
            case "prepare" -> bench.prepare();
            case "inprocess" -> bench.inProcess();
            case "serve" -> bench.serve();
            case "http" -> bench.http();
            case "wire" -> bench.wire();
            case "agree" -> bench.agree();
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private String get(String key, String dflt) {
        String v = opts.getOrDefault(key, dflt);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private int[] ints(String key, String dflt) {
        return Arrays.stream(get(key, dflt).split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    private void prepare() throws Exception {
        Path dir = Path.of(get("dir", null));
        TrainTest data = DatasetLoader.embeddedMnist();
        try (NetworkModel m = BenchModel.loadOrTrain(dir.resolve("cnn.model"), data, Integer.parseInt(get("epochs", "2")),
                Long.parseLong(get("seed", "1")), System.out)) {
            System.out.println("model: " + m.spec() + " sha256 " + m.sha256());
        }
        InferRequestWriter writer = new InferRequestWriter(OipJson.newMapper());
        for (int b : ints("batches", "1,64")) {
            ImageBatch images = data.test().images().slice(0, b);
            byte[] body = writer.write(ServedModel.INPUT, Datatypes.FP32, images.djlShape(), images.data(), ServedModel.LABEL,
                    false).body();
            Path file = dir.resolve("body-" + b + ".json");
            AtomicFiles.write(file, body);
            System.out.println("wrote " + file + " (" + body.length + " bytes)");
        }
    }

    private void inProcess() throws Exception {
        double seconds = Double.parseDouble(get("seconds", "30"));
        ImageBatch pool = DatasetLoader.embeddedMnist().test().images();
        try (NetworkModel m = ModelFile.load(Path.of(get("model", null)))) {
            DjlClassifier c = new DjlClassifier(m);
            for (int b : ints("batches", "1,64")) {
                for (int t : ints("threads", "1,2")) {
                    System.out.println(InProcessBench.run(c, pool, b, t, seconds).line());
                }
            }
        }
    }

    private void serve() throws Exception {
        String token = token();
        try (NetworkModel m = ModelFile.load(Path.of(get("model", null)));
             OipServer server = OipServer.builder().addModel("cnn", new DjlClassifier(m)).optToken(token)
                     .optPort(Integer.parseInt(get("port", "0")))
                     .optGrpcPort(opts.containsKey("grpc-port-file") ? 0 : -1)
                     .optMaxConcurrency(Integer.parseInt(get("max-concurrency", "" + Runtime.getRuntime().availableProcessors())))
                     .build().start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-serve-shutdown"));
            if (opts.containsKey("port-file")) {
                AtomicFiles.write(Path.of(opts.get("port-file")), Integer.toString(server.port()).getBytes(StandardCharsets.US_ASCII));
            }
            if (opts.containsKey("grpc-port-file")) {
                AtomicFiles.write(Path.of(opts.get("grpc-port-file")), Integer.toString(server.grpcPort()).getBytes(StandardCharsets.US_ASCII));
            }
            System.out.println("serving " + server.modelUrl("cnn"));
            server.awaitTermination();
        }
    }

    private String token() throws java.io.IOException {
        return opts.containsKey("token-file") ? Files.readString(Path.of(opts.get("token-file"))).trim() : null;
    }

    private void wire() throws Exception {
        WireBench bench = new WireBench(get("url", null), get("grpc", null), token());
        ImageBatch pool = DatasetLoader.embeddedMnist().test().images();
        double seconds = Double.parseDouble(get("seconds", "10"));
        bench.throughput(pool, ints("batches", "1,64,256"), ints("connections", "1,2"), seconds);
        if (opts.containsKey("open-rate")) {
            bench.openLoop(pool, Integer.parseInt(get("open-batch", "1")), Double.parseDouble(get("open-rate", null)), seconds);
        }
    }

    private void agree() throws Exception {
        ImageBatch test = DatasetLoader.embeddedMnist().test().images();
        boolean same;
        try (NetworkModel m = ModelFile.load(Path.of(get("model", null)))) {
            same = new WireBench(get("url", null), get("grpc", null), token()).agree(new DjlClassifier(m), test);
        }
        System.exit(same ? 0 : 1);
    }

    private void http() throws Exception {
        String url = get("url", null);
        Path dir = Path.of(get("dir", null));
        String token = token();
        int connections = Integer.parseInt(get("connections", "64"));
        double seconds = Double.parseDouble(get("seconds", "30"));
        for (int b : ints("batches", "1,64")) {
            List<byte[]> bodies = new ArrayList<>();
            bodies.add(Files.readAllBytes(dir.resolve("body-" + b + ".json")));
            System.out.println(HttpLoad.run(url + "/infer", token, bodies, b, connections, seconds).line());
        }
    }
}
