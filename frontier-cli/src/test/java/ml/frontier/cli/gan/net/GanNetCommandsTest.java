package ml.frontier.cli.gan.net;

import ml.frontier.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code frontier gan shard|worker|server}: outputs and exit codes (the protocol is tested in frontier-gan-grpc). */
class GanNetCommandsTest {

    @Test
    void shardWritesOneDirectoryPerWorker(@TempDir Path dir) {
        CliRun r = CliRun.of("gan", "shard", "--data", "mnist", "--shards", "2", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.isRegularFile(dir.resolve("shard-1").resolve("frontier-shard.properties")));
        assertTrue(Files.isRegularFile(dir.resolve("shard-0").resolve("train-images-idx3-ubyte.gz")));
    }

    @Test
    void badShardOrAddressIsBadInput() {
        CliRun shard = CliRun.of("gan", "worker", "--server", "127.0.0.1:7070", "--shard", "3/2");
        assertEquals(2, shard.exitCode(), shard.toString());
        assertTrue(shard.err().contains("0 <= i < N"), shard.err());
        CliRun address = CliRun.of("gan", "worker", "--server", "nohost", "--shard", "0/2");
        assertEquals(2, address.exitCode(), address.toString());
        CliRun k = CliRun.of("gan", "server", "--workers", "2", "--k", "3");
        assertEquals(2, k.exitCode(), k.toString());
    }
}
