package ml.frontier.lab.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The demo's train step and GAN step only (diagnosis harness, not part of the project). */
public class GanDemoOnly {
    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        long seed = a.length > 1 ? Long.parseLong(a[1]) : 1;
        new Demo(List.of(new TrainStep(), new MdGanStep())).run(out, seed, false, new PrintWriter(System.out, true),
                ml.frontier.core.progress.Progress.silent());
    }
}
