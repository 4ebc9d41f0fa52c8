package ml.frontier.gan.grpc;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests in deploy/k8s parse, and agree with each other and with the CLI: the
 * server keeps its output on a claimed volume and resumes from it, the workers are an Indexed
 * Job with one pod per server slot, and each pod's index names its shard.
 */
class DeployManifestsTest {

    static final Path DIR = Path.of("..", "deploy", "k8s");

    @Test
    @SuppressWarnings("unchecked")
    void serverAndWorkerManifestsAreConsistent() throws IOException {
        Map<String, Object> server = kind(load("server.yaml"), "StatefulSet");
        Map<String, Object> job = kind(load("workers.yaml"), "Job");
        Map<String, Object> ss = (Map<String, Object>) server.get("spec");
        assertEquals(1, ss.get("replicas"));
        List<Object> claims = (List<Object>) ss.get("volumeClaimTemplates");
        assertFalse(claims.isEmpty(), "the server needs a volume for --resume");
        List<String> serverArgs = args(ss);
        assertTrue(serverArgs.contains("--resume"));
        String out = serverArgs.get(serverArgs.indexOf("--out") + 1);
        String claim = (String) ((Map<String, Object>) ((Map<String, Object>) claims.get(0)).get("metadata")).get("name");
        assertTrue(mounts(ss).containsKey(claim) && out.startsWith(mounts(ss).get(claim)), "--out " + out + " must be on the claimed volume");
        int workers = Integer.parseInt(serverArgs.get(serverArgs.indexOf("--workers") + 1));

        Map<String, Object> js = (Map<String, Object>) job.get("spec");
        assertEquals("Indexed", js.get("completionMode"));
        assertEquals(workers, js.get("completions"));
        assertEquals(workers, js.get("parallelism"));
        List<String> workerArgs = args(js);
        assertEquals("$(JOB_COMPLETION_INDEX)/" + workers, workerArgs.get(workerArgs.indexOf("--shard") + 1));
        assertTrue(workerArgs.get(workerArgs.indexOf("--data") + 1).endsWith("shard-$(JOB_COMPLETION_INDEX)"));
        assertTrue(workerArgs.get(workerArgs.indexOf("--server") + 1).endsWith(":7070"));
    }

    static List<Map<String, Object>> load(String file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(Files.readString(DIR.resolve(file)))) {
            docs.add(asMap(d));
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the manifests"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> spec) {
        return (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    }

    @SuppressWarnings("unchecked")
    static List<String> args(Map<String, Object> spec) {
        Map<String, Object> c = (Map<String, Object>) ((List<Object>) podSpec(spec).get("containers")).get(0);
        return ((List<Object>) c.get("args")).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> mounts(Map<String, Object> spec) {
        Map<String, Object> c = (Map<String, Object>) ((List<Object>) podSpec(spec).get("containers")).get(0);
        Map<String, String> out = new java.util.HashMap<>();
        for (Object m : (List<Object>) c.get("volumeMounts")) {
            Map<String, Object> mm = (Map<String, Object>) m;
            out.put((String) mm.get("name"), (String) mm.get("mountPath"));
        }
        return out;
    }
}
