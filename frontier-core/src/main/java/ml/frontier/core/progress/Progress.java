package ml.frontier.core.progress;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Progress of a long loop: a bar redrawn in place on a terminal, plain lines elsewhere (CI logs),
 * or nothing.
 */
public interface Progress {

    /** A new task of {@code total} steps. */
    void start(String task, long total);

    /** {@code done} of the total are done; {@code status} is shown beside the bar. */
    void update(long done, String status);

    /** The task is over; {@code summary} is printed on its own line. */
    void finish(String summary);

    static Progress silent() {
        return new Progress() {
            @Override
            public void start(String task, long total) {}

            @Override
            public void update(long done, String status) {}

            @Override
            public void finish(String summary) {}
        };
    }

    /** A bar when {@code terminal}, else a line at every tenth of the way. */
    static Progress to(PrintWriter out, boolean terminal) {
        return terminal ? new Bar(out) : new Lines(out);
    }

    static Progress to(PrintStream out, boolean terminal) {
        return to(new PrintWriter(out, true), terminal);
    }

    /** Redraws one line with a carriage return. */
    final class Bar implements Progress {
        private final PrintWriter out;
        private String task = "";
        private long total;
        private long lastDraw;

        Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void start(String task, long total) {
            this.task = task;
            this.total = Math.max(1, total);
            this.lastDraw = 0;
        }

        @Override
        public void update(long done, String status) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = (int) (width * Math.min(done, total) / total);
            out.print("\r" + task + " [" + "=".repeat(filled) + " ".repeat(width - filled) + "] "
                    + done + "/" + total + (status.isEmpty() ? "" : " " + status) + "   ");
            out.flush();
        }

        @Override
        public void finish(String summary) {
            out.print("\r\033[K");
            out.println(summary);
            out.flush();
        }
    }

    /**
     * Prints a line whenever another tenth of the task is done. A status equal to the one last
     * printed is left out: a score measured every 500 iterations must not reappear on every line as
     * if it were new.
     */
    final class Lines implements Progress {
        private final PrintWriter out;
        private String task = "";
        private long total;
        private long nextTenth;
        private String lastStatus = "";

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void start(String task, long total) {
            this.task = task;
            this.total = Math.max(1, total);
            this.nextTenth = 1;
            this.lastStatus = "";
        }

        @Override
        public void update(long done, String status) {
            if (done * 10 >= nextTenth * total) {
                while (done * 10 >= nextTenth * total) {
                    nextTenth++;
                }
                boolean fresh = !status.isEmpty() && !status.equals(lastStatus);
                out.println(task + " " + done + "/" + total + (fresh ? " " + status : ""));
                if (fresh) {
                    lastStatus = status;
                }
                out.flush();
            }
        }

        @Override
        public void finish(String summary) {
            out.println(summary);
            out.flush();
        }
    }
}
