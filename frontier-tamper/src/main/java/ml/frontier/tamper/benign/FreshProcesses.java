package ml.frontier.tamper.benign;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.io.Npy;
import ml.frontier.core.io.TempFiles;
import ml.frontier.core.model.TrainableModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The saved model loaded by fresh JVMs, each with another PyTorch thread count and another CPU
 * instruction set ({@link CpuFeatures}): thread count changes how GEMMs split their sums, the
 * instruction set which kernels run — both change the last bits of the logits. Each process
 * labels the images at the given batch sizes (1 and 256 by default; {@link FreshProcessLabels}).
 */
public final class FreshProcesses implements Redeployment {

    private static final long TIMEOUT_MINUTES = 10;

    private final TrainableModel model;
    private final int[] threads;
    private final List<String> instructionSets;
    private final int[] batches;

    public FreshProcesses(TrainableModel model, int[] threads, List<String> instructionSets, int... batches) {
        if (batches.length == 0) {
            throw new IllegalArgumentException("fresh processes: give at least one batch size");
        }
        this.model = model;
        this.threads = threads.clone();
        this.instructionSets = List.copyOf(instructionSets);
        this.batches = batches.clone();
    }

    /** Threads 1 and 2, every instruction set this CPU offers, batch sizes 1 and 256. */
    public static FreshProcesses defaults(TrainableModel model) {
        return new FreshProcesses(model, new int[] {1, 2}, CpuFeatures.instructionSets(), 1, 256);
    }

    @Override
    public String name() {
        return "fresh-process";
    }

    @Override
    public Map<String, int[]> labels(ImageBatch images) throws FrontierException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("frontier-fresh-check");
            Path modelFile = dir.resolve("model");
            Path imagesFile = dir.resolve("images.npy");
            model.save(modelFile);
            AtomicFiles.write(imagesFile, Npy.writeFloats(images.data(), images.djlShape()));
            List<Callable<Map<String, int[]>>> jobs = new ArrayList<>();
            for (int t : threads) {
                for (String isa : instructionSets) {
                    jobs.add(() -> run(modelFile, imagesFile, images.n(), t, isa, batches));
                }
            }
            // two at a time: the children are mostly JVM start-up, and two overlap well on two cores
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Map<String, int[]> out = new LinkedHashMap<>();
                for (Future<Map<String, int[]>> f : pool.invokeAll(jobs)) {
                    out.putAll(f.get());
                }
                return out;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof FrontierException fe ? fe
                        : new FrontierException("fresh-process check failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FrontierException("fresh-process check interrupted");
            } finally {
                pool.shutdownNow();
            }
        } catch (IOException e) {
            throw new FrontierException("fresh-process check: cannot write the model or images (" + e.getMessage() + ")");
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    private static Map<String, int[]> run(Path modelFile, Path imagesFile, int n, int threads, String isa, int[] batches)
            throws FrontierException, IOException {
        Map<String, int[]> out = new LinkedHashMap<>();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1", "-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=512m",
                "-cp", System.getProperty("java.class.path"), FreshProcessLabels.class.getName(),
                modelFile.toString(), imagesFile.toString()));
        for (int b : batches) {
            cmd.add(Integer.toString(b));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(CpuFeatures.environment(isa));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        String name = "threads" + threads + "/" + isa;
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new FrontierException("fresh-process check " + name + " failed (exit "
                        + (p.isAlive() ? "none: timed out" : p.exitValue()) + "): " + text.lines().reduce((a, b) -> b).orElse(""));
            }
            for (String line : text.split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length == n + 1 && f[0].startsWith("batch")) {
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = Integer.parseInt(f[i + 1]);
                    }
                    out.put(name + "/" + f[0], labels);
                }
            }
            if (out.size() != batches.length) {
                throw new FrontierException("fresh-process check " + name + " printed no labels");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrontierException("fresh-process check " + name + " interrupted");
        } finally {
            p.destroyForcibly();
        }
    }
}
