package ml.frontier.lab.mdgan;

import ml.frontier.core.io.AtomicFiles;
import ml.frontier.gan.GanEvaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A finished run on disk, so that an interrupted grid resumes where it stopped: the curve with
 * its four budgets and the worker's compute, written atomically once the run is complete.
 */
record RunStore(List<GanEvaluation> curve, double workerMsPerIteration) {

    static final String FILE = "result.csv";
    private static final String HEADER = "iteration,score,frechet,seconds,generated_samples,bytes,modelled_seconds,worker_ms_per_iter";

    RunStore {
        curve = List.copyOf(curve);
    }

    void write(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (GanEvaluation e : curve) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.3f,%d,%d,%.6f,%.6f%n", e.iteration(), e.score(), e.frechet(),
                    e.seconds(), e.generatedSamples(), e.bytes(), e.modelledSeconds(), workerMsPerIteration));
        }
        AtomicFiles.writeString(dir.resolve(FILE), sb.toString());
    }

    /** The stored run in {@code dir}, or null when it has not finished. */
    static RunStore read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        List<String> lines = Files.readAllLines(f);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(f + " is not a result of this lab (header differs)");
        }
        List<GanEvaluation> curve = new ArrayList<>();
        double ms = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            if (v.length != 8) {
                throw new IOException(f + ": malformed line '" + line + "'");
            }
            curve.add(new GanEvaluation(Long.parseLong(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                    Double.parseDouble(v[3]), Long.parseLong(v[4]), Long.parseLong(v[5]), Double.parseDouble(v[6])));
            ms = Double.parseDouble(v[7]);
        }
        if (curve.isEmpty()) {
            throw new IOException(f + " holds no evaluations");
        }
        return new RunStore(curve, ms);
    }
}
