package ml.frontier.cli.lab;

import ml.frontier.cli.common.DataOption;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.Npy;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.mdgan.MdGanAlgorithm;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.tamper.MarkerGenerator;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;
import ml.frontier.tamper.benign.BenignSuite;
import ml.frontier.tamper.strategy.MarkerStrategies;
import ml.frontier.watermark.KeyGenerator;
import ml.frontier.watermark.WatermarkKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code frontier lab work}: one unit of Frontier's own work timed in this process, for bench/work/run.sh
 * (against bench/work/torch_work.py): FGSM key generation, marker making, MD-GAN iterations. The model is
 * loaded from a saved file, never trained here; each task runs once untimed (warm-up) and then once timed.
 */
@Command(name = "work",
        description = "Time FGSM key generation (keygen), marker making (markers) or MD-GAN iterations (mdgan) on a "
                + "saved model, one unit after an untimed warm-up (bench/work/run.sh); 'export' writes the model's "
                + "parameters as .npy for the PyTorch reference.")
public final class LabWorkCommand implements Callable<Integer> {

    static final String HEADER = "side,task,model,variant,repeat,seconds,cpu_s,units,units_per_s,result";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    LabOptions lab;
    @Option(names = "--task", required = true, description = "keygen, markers, mdgan or export.")
    String task;
    @Option(names = "--model", paramLabel = "FILE", description = "A saved Frontier model (keygen, markers, export).")
    Path modelFile;
    @Option(names = "--keys", defaultValue = "100", description = "keygen: k (default: ${DEFAULT-VALUE}; anchors k/2).")
    int keys;
    @Option(names = "--eps", defaultValue = "0.1", description = "keygen: FGSM epsilon (default: ${DEFAULT-VALUE}).")
    float eps;
    @Option(names = "--markers", defaultValue = "100", description = "markers: how many (default: ${DEFAULT-VALUE}).")
    int markers;
    @Option(names = "--strategy", defaultValue = "portfolio",
            description = "markers: the strategy (default: ${DEFAULT-VALUE}, as frontier tamper mark; torch_work.py "
                    + "reproduces it and its parts sensitive, entropy, bisection, boundary).")
    String strategy;
    @Option(names = "--screened", description = "markers: the whole MarkerGenerator (margin floor, in-process benign "
            + "re-deployments, selection) around the strategy: Java only, PyTorch has no counterpart.")
    boolean screened;
    @Option(names = "--iterations", defaultValue = "50", description = "mdgan: timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--warmup-iterations", defaultValue = "10", description = "mdgan: untimed iterations first (default: ${DEFAULT-VALUE}).")
    int warmupIterations;
    @Option(names = "--workers", defaultValue = "3", description = "mdgan: N (default: ${DEFAULT-VALUE}, as the demo).")
    int workers;
    @Option(names = "--batch", defaultValue = "32", description = "mdgan: b (default: ${DEFAULT-VALUE}, as the demo).")
    int batch;
    @Option(names = "--no-warmup", description = "keygen, markers: skip the untimed first run.")
    boolean noWarmup;
    @Option(names = "--dump", description = "keygen, markers: also write the timed run's images as images.npy (to "
            + "compare with torch_work.py --compare).")
    boolean dump;
    @Option(names = "--repeat", defaultValue = "0", description = "The repeat number written to the CSV (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        var o = lab.json().text();
        Path out = lab.out();
        Files.createDirectories(out);
        TrainTest tt = data.load();
        long seed = lab.seed();
        List<String> rows = new ArrayList<>();
        switch (task) {
            case "export" -> {
                try (NetworkModel m = load()) {
                    export(m, tt, out);
                    o.println("wrote " + m.parameterNames().size() + " parameters and reference logits to " + out);
                    lab.json().print(java.util.Map.of("parameters", m.parameterNames().size(), "dir", out.toString()));
                }
                return 0;
            }
            case "keygen" -> {
                try (NetworkModel m = load()) {
                    KeyGenerator gen = new KeyGenerator(KeyGenerator.Config.builder().optKeySize(keys).optEpsilon(eps)
                            .optSeed(seed).build());
                    DjlClassifier clf = new DjlClassifier(m);
                    if (!noWarmup) {
                        gen.generate(clf, tt.train());
                    }
                    long[] t = start();
                    WatermarkKey key = gen.generate(clf, tt.train());
                    if (dump) {
                        dump(out, key.images(), key.originalLabels());
                    }
                    rows.add(row(m, "coin", t, key.countedSize(),
                            key.countedSize() + " true + " + key.anchors() + " anchors"));
                }
            }
            case "markers" -> {
                try (NetworkModel m = load()) {
                    MarkerStrategy s = MarkerStrategies.byName(strategy);
                    ImageBatch pool = tt.test().images();
                    if (!noWarmup) {
                        makeMarkers(s, m, pool, seed);
                    }
                    long[] t = start();
                    MarkerSet set = makeMarkers(s, m, pool, seed);
                    if (dump) {
                        dump(out, set.images(), set.labels());
                    }
                    rows.add(row(m, s.name() + (screened ? "+screened" : ""), t, set.size(), set.size() + " markers"));
                }
            }
            case "mdgan" -> {
                GanSetup setup = new GanSetup(GanArchitectures.byName(GanArchitectures.MNIST_MLP), GanHyper.DEFAULT,
                        tt.train(), workers, batch, 1, 1, 1, true, seed);
                try (MdGanAlgorithm alg = new MdGanAlgorithm(setup)) {
                    long it = 1;
                    for (; it <= warmupIterations; it++) {
                        alg.step(it);
                    }
                    long[] t = start();
                    for (int i = 0; i < iterations; i++, it++) {
                        alg.step(it);
                    }
                    rows.add(row("mnist-mlp-gan", "N" + workers + "-b" + batch + "-k1-L1", t, iterations,
                            "iterations " + (warmupIterations + 1) + ".." + (it - 1) + "; swap every "
                                    + setup.iterationsPerRound()));
                }
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--task must be keygen, markers, mdgan or export, got " + task);
        }
        rows.forEach(r -> o.println("djl " + r));
        Path csv = out.resolve("runs.csv");
        Files.writeString(csv, HEADER + "\n" + String.join("\n", rows.stream().map(r -> "djl," + r).toList()) + "\n");
        lab.json().print(java.util.Map.of("csv", csv.toString(), "rows", rows, "seed", seed));
        return 0;
    }

    private MarkerSet makeMarkers(MarkerStrategy s, NetworkModel m, ImageBatch pool, long seed) throws Exception {
        if (screened) {
            return new MarkerGenerator(s, ml.frontier.core.progress.Progress.silent())
                    .withSelection(MarkerStrategies.selectionFor(s.name())).withSuite(BenignSuite.inProcessOnly())
                    .generate(m, pool, markers, seed);
        }
        return s.generate(new DjlClassifier(m, m.describe(), 512), pool, markers, seed); // as MarkerGenerator asks it
    }

    private NetworkModel load() throws Exception {
        if (modelFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--task " + task + " needs --model FILE");
        }
        return ModelFile.load(modelFile);
    }

    /** Each parameter as param-NN.npy (the block's order, names in params.txt), and logits of the first 16 test images. */
    private static void export(NetworkModel m, TrainTest tt, Path dir) throws Exception {
        StringBuilder names = new StringBuilder(m.spec().architecture() + "\n");
        List<String> ps = m.parameterNames();
        for (int i = 0; i < ps.size(); i++) {
            var a = m.parameter(ps.get(i)).getArray();
            names.append(String.format(Locale.ROOT, "param-%02d.npy %s %s%n", i, ps.get(i), a.getShape()));
            Files.write(dir.resolve(String.format(Locale.ROOT, "param-%02d.npy", i)),
                    Npy.writeFloats(a.toFloatArray(), a.getShape().getShape()));
        }
        Files.writeString(dir.resolve("params.txt"), names);
        ImageBatch x = tt.test().images().slice(0, 16);
        float[] logits = new DjlClassifier(m).logits(x);
        Files.write(dir.resolve("ref-logits.npy"), Npy.writeFloats(logits, 16, m.numClasses()));
    }

    private static void dump(Path dir, ImageBatch images, int[] labels) throws java.io.IOException {
        Files.write(dir.resolve("images.npy"), Npy.writeFloats(images.data(), images.n(), images.channels(),
                images.height(), images.width()));
        Files.write(dir.resolve("labels.npy"), Npy.writeInts(labels, labels.length));
    }

    private static long[] start() {
        return new long[] {System.nanoTime(), cpuNanos()};
    }

    private String row(NetworkModel m, String variant, long[] t, long units, String result) {
        return row(m.spec().architecture(), variant, t, units, result);
    }

    private String row(String model, String variant, long[] t, long units, String result) {
        double secs = (System.nanoTime() - t[0]) / 1e9, cpu = (cpuNanos() - t[1]) / 1e9;
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%.6g,%.6g,%d,%.6g,%s", task, model, variant, repeat, secs, cpu,
                units, units / secs, result);
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Runs the command alone, for bench/work/run.sh (which sets the JVM flags itself). */
    public static void main(String[] args) {
        String[] full = new String[args.length + 2];
        full[0] = "lab";
        full[1] = "work";
        System.arraycopy(args, 0, full, 2, args.length);
        ml.frontier.cli.Frontier.main(full);
    }
}
