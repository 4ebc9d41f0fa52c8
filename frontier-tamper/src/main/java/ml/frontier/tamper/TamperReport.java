package ml.frontier.tamper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a tamper check.
 *
 * @param verdict intact when no queried marker moved
 * @param queries markers queried (one query = one image)
 * @param budget the most markers the check was allowed to query
 * @param markers markers in the set
 * @param moved the markers whose label moved, in query order
 * @param model what was checked
 * @param seed the seed of the query order
 * @param unrevealed markers no earlier check had sent, before this one ran
 */
public record TamperReport(Verdict verdict, int queries, int budget, int markers, List<Moved> moved, String model,
                           long seed, int unrevealed) {

    /** Intact (exit code 0) or tampered (exit code 1). */
    public enum Verdict { INTACT, TAMPERED }

    /** A marker whose label moved: its index in the set, the expected and the observed label. */
    public record Moved(int marker, int expected, int observed) {}

    public TamperReport {
        moved = List.copyOf(moved);
        if (queries < 0 || budget < 0 || markers < 0 || unrevealed < 0 || unrevealed > markers) {
            throw new IllegalArgumentException("negative count in a tamper report");
        }
        if ((verdict == Verdict.TAMPERED) == moved.isEmpty()) {
            throw new IllegalArgumentException("verdict " + verdict + " disagrees with " + moved.size() + " moved markers");
        }
    }

    public boolean tampered() {
        return verdict == Verdict.TAMPERED;
    }

    /** The report as a map of plain values, ready for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
        m.put("queries", queries);
        m.put("budget", budget);
        m.put("markers", markers);
        List<Map<String, Object>> mv = new ArrayList<>();
        for (Moved x : moved) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("marker", x.marker());
            e.put("expected", x.expected());
            e.put("observed", x.observed());
            mv.add(e);
        }
        m.put("moved", mv);
        m.put("model", model);
        m.put("seed", seed);
        m.put("unrevealedBefore", unrevealed);
        m.put("unrevealedAfter", unrevealed - queries);
        return m;
    }

    /** One line for people. */
    public String summary() {
        if (!tampered()) {
            return "INTACT: " + queries + " markers queried (budget " + budget + "; " + (unrevealed - queries)
                    + " of " + markers + " never revealed remain), none moved";
        }
        Moved f = moved.get(0);
        return "TAMPERED: marker " + f.marker() + " answered " + f.observed() + " instead of " + f.expected()
                + " (" + moved.size() + " moved in " + queries + " queries)";
    }
}
