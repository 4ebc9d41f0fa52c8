package ml.frontier.cli.attack;

import ml.frontier.attack.quantize.Quantization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code frontier attack quantize}: uniform k-bit weight quantization, stored back as float32. */
@Command(name = "quantize",
        description = "Quantize the weights to k bits (min-max affine levels), per tensor or per output channel.")
public final class QuantizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AttackOptions options;

    @Option(names = "--bits", required = true, description = "Bits per weight, 2..16.")
    int bits;

    @Option(names = "--per-channel", description = "One set of levels per output channel (default: per tensor).")
    boolean perChannel;

    @Override
    public Integer call() throws Exception {
        var attack = Quantization.builder().setBits(bits).optPerChannel(perChannel).build();
        return AttackRunner.run(spec, options, attack);
    }
}
