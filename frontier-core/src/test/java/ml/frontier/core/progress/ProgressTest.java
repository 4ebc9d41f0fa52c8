package ml.frontier.core.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProgressTest {

    @Test
    void plainLinesShowAStatusOnlyWhenItIsNew() {
        StringWriter sw = new StringWriter();
        Progress p = Progress.to(new PrintWriter(sw), false);
        p.start("gan", 100);
        String status = "";
        for (int t = 1; t <= 100; t++) {
            if (t % 25 == 0) {
                status = "score " + t; // a new evaluation every 25 iterations, as MD-GAN's
            }
            p.update(t, status);
        }
        p.finish("done");
        List<String> lines = sw.toString().lines().toList();
        assertEquals(11, lines.size(), sw.toString());
        assertEquals("gan 10/100", lines.get(0));
        assertEquals("gan 30/100 score 25", lines.get(2));
        assertEquals("gan 40/100", lines.get(3), "the score of iteration 25 is not printed again as if new");
        assertEquals("gan 50/100 score 50", lines.get(4));
        assertEquals("gan 100/100 score 100", lines.get(9));
    }
}
