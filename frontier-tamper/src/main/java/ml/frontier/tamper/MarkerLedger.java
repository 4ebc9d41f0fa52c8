package ml.frontier.tamper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.frontier.core.FrontierException;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.io.Hashing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The markers a check has already sent, kept beside the marker file ({@code F.ledger}). A server
 * that logs its queries learns the markers it was asked about and could answer them from a cache
 * after tampering; a marker is therefore retired the moment it is about to be sent, and later
 * checks skip it. The ledger names the marker file by its SHA-256 so it is never applied to
 * another set.
 */
public final class MarkerLedger {

    public static final String KIND = "frontier-tamper-ledger";

    private final Path file;
    private final String markersSha256;
    private final Set<Integer> revealed;

    private MarkerLedger(Path file, String markersSha256, Set<Integer> revealed) {
        this.file = file;
        this.markersSha256 = markersSha256;
        this.revealed = revealed;
    }

    /** The ledger file of a marker file. */
    public static Path pathFor(Path markers) {
        return markers.resolveSibling(markers.getFileName() + ".ledger");
    }

    /** Opens (or starts, when absent) the ledger of {@code markers}. */
    public static MarkerLedger open(Path markers) throws FrontierException {
        String sha = sha256(markers);
        Path file = pathFor(markers);
        Set<Integer> revealed = new TreeSet<>();
        if (Files.exists(file)) {
            JsonNode j;
            try {
                j = ArrayBundle.JSON.readTree(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new FrontierException(file + ": not a readable ledger (" + e.getMessage() + ")");
            }
            if (j == null || !KIND.equals(j.path("kind").asText())) {
                throw new FrontierException(file + ": not a marker ledger");
            }
            if (!sha.equals(j.path("markersSha256").asText())) {
                throw new FrontierException(file + ": this ledger belongs to another marker file (SHA-256 differs); "
                        + "move it away only if the marker set was replaced on purpose");
            }
            for (JsonNode i : j.path("revealed")) {
                if (!i.canConvertToInt() || i.asInt() < 0) {
                    throw new FrontierException(file + ": bad marker index " + i + " in the ledger");
                }
                revealed.add(i.asInt());
            }
        }
        return new MarkerLedger(file, sha, revealed);
    }

    /** The markers already sent to some server (read-only view). */
    public Set<Integer> revealed() {
        return java.util.Collections.unmodifiableSet(revealed);
    }

    public Path file() {
        return file;
    }

    /** Records {@code markers} as revealed, durably, before they are sent. */
    public void retire(int[] markers) throws FrontierException {
        for (int m : markers) {
            revealed.add(m);
        }
        ObjectNode j = ArrayBundle.JSON.createObjectNode();
        j.put("kind", KIND);
        j.put("markersSha256", markersSha256);
        ArrayNode a = j.putArray("revealed");
        revealed.forEach(a::add);
        try {
            AtomicFiles.writeString(file, ArrayBundle.JSON.writeValueAsString(j) + "\n");
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot record the revealed markers (" + e.getMessage()
                    + "); nothing was sent");
        }
    }

    private static String sha256(Path file) throws FrontierException {
        try {
            return Hashing.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
