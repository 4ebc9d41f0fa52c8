package ml.frontier.cli.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ml.frontier.attack.Attack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.cli.common.Terminal;
import ml.frontier.core.FrontierException;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.load.Models;
import ml.frontier.core.model.TrainableModel;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one attack for a command: loads the model and data, applies the attack, writes the
 * attacked model and prints the report (text or JSON). The attack is built, and so validated,
 * by the caller before anything is loaded.
 */
final class AttackRunner {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AttackRunner() {}

    static int run(CommandSpec spec, AttackOptions o, Attack attack) throws FrontierException {
        if (!(o.attackerFraction > 0 && o.attackerFraction < 1)) {
            throw new IllegalArgumentException("--attacker-fraction must be in (0,1), got " + o.attackerFraction);
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainTest data = o.data.load();
        AttackContext ctx = AttackContext.of(data, o.attackerFraction, o.seed(), Terminal.progress(spec));
        try (TrainableModel model = Models.loadTrainable(o.model, o.input.options())) {
            if (!o.json().json) {
                out.printf(Locale.ROOT, "attack %s %s on %s (%s, sha256 %s…), seed %d%n", attack.name(),
                        new TreeMap<>(attack.parameters()), o.model, model.describe(),
                        model.sha256().substring(0, 12), o.seed());
                out.printf(Locale.ROOT, "attacker data %s (%d images), test data %s (%d images)%n",
                        ctx.attackerData().name(), ctx.attackerData().size(), ctx.test().name(), ctx.test().size());
                out.flush();
            }
            AttackResult r = attack.apply(model, ctx);
            try (TrainableModel attacked = r.model()) {
                try {
                    attacked.save(o.out);
                } catch (IOException e) {
                    throw new FrontierException(o.out + ": cannot write the attacked model (" + e.getMessage() + ")", e);
                }
                if (o.json().json) {
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("model", o.model.toString());
                    report.put("out", o.out.toString());
                    report.put("sourceSha256", model.sha256());
                    report.putAll(r.asMap());
                    try {
                        out.println(JSON.writeValueAsString(report));
                    } catch (IOException e) {
                        throw FrontierException.internal("cannot write the JSON report", e);
                    }
                } else {
                    printText(out, r, o);
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void printText(PrintWriter out, AttackResult r, AttackOptions o) {
        out.printf(Locale.ROOT, "accuracy before %.4f, after %.4f (%+.2f points)%n", r.accuracyBefore(),
                r.accuracyAfter(), 100 * (r.accuracyAfter() - r.accuracyBefore()));
        for (var e : new TreeMap<>(r.figures()).entrySet()) {
            out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), format(e.getValue()));
        }
        out.printf(Locale.ROOT, "wrote %s (sha256 %s…)%n", o.out, r.model().metadata().parametersSha256().substring(0, 12));
    }

    /** Doubles with 4 decimals, maps and lists element by element. */
    static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return String.format(Locale.ROOT, "%.4f", ((Number) v).doubleValue());
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (var e : m.entrySet()) {
                sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append('=').append(format(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                sb.append(sb.length() > 1 ? ", " : "").append(format(x));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }
}
