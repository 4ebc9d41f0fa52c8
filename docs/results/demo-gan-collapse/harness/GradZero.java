import ml.frontier.gan.nets.*;
import ml.frontier.gan.train.*;
import ml.frontier.core.train.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.training.ParameterStore;
import java.util.*;
public class GradZero {
  public static void main(String[] a) {
    var arch = GanArchitectures.byName("mnist-mlp");
    try (Generator g = new Generator(arch, GanHyper.DEFAULT, 1); Discriminator d = new Discriminator(arch, GanHyper.DEFAULT, 2)) {
      Random r = new Random(3);
      for (int it = 0; it < 3; it++) {
        Latent l = Latent.sample(r, 8, 100, 10);
        g.stepThrough(d, l);
        var p = g.net().parameters().get(0).getArray();
        System.out.println("after G step " + it + ": G grad abs sum " + (p.hasGradient() ? p.getGradient().abs().sum().getFloat() : -1f));
        var q = d.net().parameters().get(0).getArray();
        System.out.println("   D grad present " + q.hasGradient() + (q.hasGradient() ? " abs sum " + q.getGradient().abs().sum().getFloat() : ""));
      }
    }
  }
}
