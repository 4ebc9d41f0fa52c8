import ml.frontier.gan.nets.*;
import ml.frontier.gan.train.*;
import ml.frontier.core.data.*;
import java.util.*;
public class GStep {
  public static void main(String[] a) throws Exception {
    var arch = GanArchitectures.byName(a.length > 0 ? a[0] : "mnist-mlp");
    TrainTest data = DatasetLoader.embeddedMnist();
    try (Generator g = new Generator(arch, GanHyper.DEFAULT, 1); Discriminator d = new Discriminator(arch, GanHyper.DEFAULT, 2)) {
      Random r = new Random(3);
      RealSampler rs = new RealSampler(data.train(), 5);
      // train D a bit
      for (int i = 0; i < 50; i++) { Latent l = Latent.sample(r, 32, 100, 10); d.step(rs.next(32), g.generate(l), l.labels()); }
      Latent fixed = Latent.sample(new Random(9), 32, 100, 10);
      for (int i = 0; i <= 100; i++) {
        float loss = g.stepThrough(d, Latent.sample(r, 32, 100, 10));
        if (i % 20 == 0) System.out.println("G step " + i + " loss " + loss);
      }
    }
  }
}
