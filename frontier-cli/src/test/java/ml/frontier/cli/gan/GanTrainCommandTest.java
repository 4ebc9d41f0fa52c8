package ml.frontier.cli.gan;

import ml.frontier.cli.Frontier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanTrainCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Frontier.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void badSettingsAreRefusedWithExitCode2() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "gan", "train", "--mode", "mdgan", "--workers", "2", "--k", "3", "--iterations", "1"));
        assertTrue(err.toString().contains("k must be in"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "gan", "train", "--net", "nope", "--iterations", "1"));
        assertTrue(err2.toString().contains("unknown GAN network"), err2.toString());
    }
}
