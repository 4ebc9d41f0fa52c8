import ml.frontier.core.data.*;
import ml.frontier.core.progress.Progress;
import ml.frontier.gan.*;
import ml.frontier.gan.mdgan.*;
import ml.frontier.gan.metrics.*;
import ml.frontier.gan.train.*;
import java.nio.file.*;
import java.util.*;

public class Diag {
    public static void main(String[] a) throws Exception {
        Map<String,String> o = new HashMap<>();
        for (String s : a) { String[] kv = s.split("=",2); o.put(kv[0], kv[1]); }
        String mode = o.getOrDefault("mode","mdgan");
        String net = o.getOrDefault("net","mnist-mlp");
        int workers = Integer.parseInt(o.getOrDefault("workers","3"));
        int batch = Integer.parseInt(o.getOrDefault("batch","32"));
        long iters = Long.parseLong(o.getOrDefault("iters","2000"));
        long every = Long.parseLong(o.getOrDefault("every","250"));
        long seed = Long.parseLong(o.getOrDefault("seed","1"));
        float glr = Float.parseFloat(o.getOrDefault("glr","2e-4"));
        float dlr = Float.parseFloat(o.getOrDefault("dlr","2e-4"));
        float b1 = Float.parseFloat(o.getOrDefault("b1","0.5"));
        TrainTest data = DatasetLoader.embeddedMnist();
        GanHyper h = new GanHyper(glr, dlr, b1, 0.999f);
        GanTraining t = GanTraining.builder().setMode(GanMode.valueOf(mode.toUpperCase())).setData(data).optNetwork(net)
            .optWorkers(workers).optBatch(batch).optIterations(iters).optEvalEvery(every).optSeed(seed).optHyper(h)
            .optEpochsPerSwap(1).optSwap(true).build();
        try (GanScorer sc = GanScorer.trainOrLoad(data.train(), data.test(), data.test().head(500), Path.of("/tmp/gandiag/scorer.model"), 1, Progress.silent())) {
            Dataset other = data.test().slice(500, 1000);
            GanScores real = sc.score(other.images(), other.labels());
            System.out.printf(Locale.ROOT, "real: IS %.2f FD %.2f agree %.3f div %.2f%n", real.score(), real.frechet(), real.agreement(), real.diversity());
            var arch = t.setup().architecture();
            Random er = new Random(77);
            long t0 = System.nanoTime();
            try (GanAlgorithm alg = t.algorithm()) {
                for (long i = 0; i <= iters; i++) {
                    if (i > 0) alg.step(i);
                    if (i % every == 0) {
                        Latent l = Latent.balanced(er, 500, arch.latentSize(), arch.numClasses());
                        GanScores s = sc.score(alg.generator().images(l), l.labels());
                        // z-sensitivity: same class code, different z vs same z, different class
                        Latent one = Latent.sample(new Random(5), 1, arch.latentSize(), arch.numClasses());
                        float[] z = one.z();
                        float[] zz = new float[10*z.length]; int[] ys = new int[10];
                        for (int c=0;c<10;c++){ System.arraycopy(z,0,zz,c*z.length,z.length); ys[c]=c; }
                        float[] byClass = alg.generator().generate(new Latent(zz, ys, z.length));
                        int dim = byClass.length/10; int[] zero = new int[10];
                        double between = Diversity.withinClass(byClass, dim, zero, 10);
                        float[] gx = alg.generator().generate(l);
                        int sat = 0; double mean = 0;
                        for (float v : gx) { if (v < 0.01f || v > 0.99f) sat++; mean += v; }
                        String dinfo = "";
                        ml.frontier.gan.train.Discriminator dd = alg instanceof StandaloneGan sg ? sg.discriminator()
                            : alg instanceof MdGanAlgorithm md ? md.workers().get(0).discriminator() : null;
                        if (dd != null) {
                            Dataset rb = data.test().head(500);
                            float[] dr = dout(dd, rb.images().data(), 500), df = dout(dd, gx, 500);
                            dinfo = String.format(Locale.ROOT, " D(real) %.2f D(fake) %.2f Dcls(real) %.2f Dcls(fake) %.2f",
                                 psig(dr), psig(df), cls(dr, rb.labels()), cls(df, l.labels()));
                        }
                        dinfo += String.format(Locale.ROOT, " W1-in-code-span %.3f", align(alg.generator()));
                        System.out.printf(Locale.ROOT, "   sat %.3f mean %.3f%s%n", (double) sat / gx.length, mean / gx.length, dinfo);
                        System.out.printf(Locale.ROOT, "it %5d  %.1fs  IS %.2f FD %.1f agree %.3f divWithinClass %.2f  distSameZacrossClasses %.2f%n",
                            i, (System.nanoTime()-t0)/1e9, s.score(), s.frechet(), s.agreement(), s.diversity(), between);
                    }
                }
            }
        }
    }

    static float[] dout(ml.frontier.gan.train.Discriminator d, float[] x, int n) {
        try (ai.djl.ndarray.NDManager m = d.net().manager().newSubManager()) {
            var a = m.create(x, new ai.djl.ndarray.types.Shape(n, 1, 28, 28));
            return d.net().forward(new ai.djl.training.ParameterStore(m, false), a, false).toFloatArray();
        }
    }
    static double psig(float[] o) { double s = 0; int n = o.length / 11; for (int i = 0; i < n; i++) s += 1 / (1 + Math.exp(-o[i * 11])); return s / n; }
    static double cls(float[] o, int[] y) { int n = y.length, hit = 0; for (int i = 0; i < n; i++) { int b = 1; for (int c = 2; c < 11; c++) if (o[i*11+c] > o[i*11+b]) b = c; if (b - 1 == y[i]) hit++; } return (double) hit / n; }

    static double align(Generator g) {
        float[] w = g.net().parameters().get(0).getArray().toFloatArray();
        long[] sh = g.net().parameters().get(0).getArray().getShape().getShape();
        int out = (int) sh[0], in = (int) sh[1];
        if (in != 100) return Double.NaN;
        ml.frontier.gan.nets.ClassCode cc = new ml.frontier.gan.nets.ClassCode(10, 100);
        double[][] q = new double[10][];
        for (int c = 0; c < 10; c++) {
            float[] v = cc.condition(new float[100], new int[] {c});
            double[] d = new double[100]; for (int i = 0; i < 100; i++) d[i] = v[i];
            for (int p = 0; p < c; p++) { double dot = 0; for (int i = 0; i < 100; i++) dot += d[i]*q[p][i]; for (int i = 0; i < 100; i++) d[i] -= dot*q[p][i]; }
            double nn = 0; for (double x : d) nn += x*x; nn = Math.sqrt(nn); for (int i = 0; i < 100; i++) d[i] /= nn;
            q[c] = d;
        }
        double tot = 0, span = 0;
        for (int r = 0; r < out; r++) {
            for (int i = 0; i < in; i++) tot += (double) w[r*in+i]*w[r*in+i];
            for (int c = 0; c < 10; c++) { double dot = 0; for (int i = 0; i < in; i++) dot += w[r*in+i]*q[c][i]; span += dot*dot; }
        }
        return span / tot;
    }
}
