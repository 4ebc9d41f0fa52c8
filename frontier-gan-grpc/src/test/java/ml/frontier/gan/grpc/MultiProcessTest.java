package ml.frontier.gan.grpc;

import ml.frontier.core.data.TrainTest;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server and 3 worker processes (separate JVMs) on loopback: a worker killed with SIGKILL in the
 * middle, training going on with the others, the worker restarted and rejoining, the server
 * killed and resumed from its checkpoint.
 */
class MultiProcessTest {

    private static final Pattern PROGRESS = Pattern.compile("^iteration (\\d+): (\\d+) live workers");
    private final List<Proc> procs = new ArrayList<>();

    /** A child JVM and the lines it printed. */
    static final class Proc {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Proc(Process p) {
            this.process = p;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the process died
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private int cursor;

        /** The next line after the last one matched that satisfies {@code p}. */
        String await(Predicate<String> p, long seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                for (; cursor < lines.size(); cursor++) {
                    if (p.test(lines.get(cursor))) {
                        return lines.get(cursor++);
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no matching line within " + seconds + " s; last lines: "
                    + lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        }

        /** Waits for a progress line at or after {@code iteration} with {@code live} workers (-1: any). */
        int awaitIteration(long iteration, int live, long seconds) throws InterruptedException {
            String l = await(s -> {
                Matcher m = PROGRESS.matcher(s);
                return m.find() && Long.parseLong(m.group(1)) >= iteration && (live < 0 || Integer.parseInt(m.group(2)) == live);
            }, seconds);
            Matcher m = PROGRESS.matcher(l);
            assertTrue(m.find());
            return Integer.parseInt(m.group(1));
        }
    }

    private final List<String> names = new ArrayList<>();

    private Proc start(Path logDir, String name, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-XX:MaxDirectMemorySize=256m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", cp, ProcessMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(logDir.resolve(name + ".err").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Proc p = new Proc(pb.start());
        procs.add(p);
        names.add(name);
        return p;
    }

    @AfterEach
    void killAll() {
        procs.forEach(p -> p.process.destroyForcibly());
        Path logs = Path.of("target", "mdgan-multiprocess");  // what each process printed, for post-mortems
        try {
            Files.createDirectories(logs);
            for (int i = 0; i < procs.size(); i++) {
                Files.write(logs.resolve(names.get(i) + ".log"), procs.get(i).lines);
            }
        } catch (IOException ignored) {
            // logs are a convenience
        }
    }

    @Test
    void trainingSurvivesAWorkerCrashARejoinAndAServerRestart(@TempDir Path dir) throws Exception {
        TrainTest small = new TrainTest(TestModels.train(600), TestModels.test(20));
        List<Path> shards = ShardDirectories.write(small, 3, 3, dir.resolve("shards"));
        Path out = dir.resolve("out");
        String[] serverArgs = {"server", "workers=3", "batch=10", "deadline=8000", "iterations=150", "checkpoint=10", "eval=5",
                "out=" + out};
        Proc server = start(dir, "server", concat(serverArgs, "port=0", "resume=false"));
        String listening = server.await(s -> s.startsWith("listening on port "), 60);
        int port = Integer.parseInt(listening.substring("listening on port ".length()).strip());
        List<Proc> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(start(dir, "worker" + i, "worker", "server=127.0.0.1:" + port, "data=" + shards.get(i), "shard=" + i + "/3"));
        }
        server.awaitIteration(30, 3, 90);

        workers.get(2).process.destroyForcibly().waitFor();          // SIGKILL in the middle
        server.await(s -> s.startsWith("worker 2 ") && s.contains(" left: "), 30);
        int after = server.awaitIteration(0, 2, 30);
        server.awaitIteration(after + 10, 2, 60);                     // training goes on with 2

        Proc restarted = start(dir, "worker2b", "worker", "server=127.0.0.1:" + port, "data=" + shards.get(2), "shard=2/3");
        server.await(s -> s.startsWith("worker 2 ") && s.contains("received a copy of worker"), 60);
        int rejoined = server.awaitIteration(0, 3, 30);

        server.awaitIteration(rejoined + 15, 3, 60);
        server.process.destroyForcibly().waitFor();                   // the server crashes
        Path ckpt = out.resolve(NetServer.CHECKPOINT);
        NetRunConfig c = new NetRunConfig("mnist-mlp", 3, 10, 1, 1, 1, true, 3, ml.frontier.gan.train.GanHyper.DEFAULT);
        long saved = ServerCheckpoint.read(ckpt, c).iteration();
        assertTrue(saved >= rejoined && saved % 10 == 0, "checkpoint at iteration " + saved);

        Proc resumed = start(dir, "server2", concat(serverArgs, "port=" + port, "resume=true"));
        resumed.await(s -> s.equals("resumed from " + ckpt + " at iteration " + saved), 90);
        String done = resumed.await(s -> s.startsWith("done: "), 120);
        assertEquals("done: iterations " + saved + "..150, dropped 0", done.substring(0, done.indexOf(", dropped") + 11));
        assertEquals(0, resumed.process.waitFor());
        for (Proc w : List.of(workers.get(0), workers.get(1), restarted)) {
            assertTrue(w.process.waitFor(30, TimeUnit.SECONDS), "worker did not exit");
            assertEquals(0, w.process.exitValue(), w.lines.toString());
            w.await(s -> s.contains("the server ended the run"), 1);
        }
        assertEquals(150, ServerCheckpoint.read(ckpt, c).iteration());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
