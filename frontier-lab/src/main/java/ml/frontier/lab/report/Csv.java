package ml.frontier.lab.report;

import ml.frontier.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A CSV table built row by row and written atomically; values are quoted when needed. */
public final class Csv {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Csv(String... header) {
        this.header = List.of(header);
    }

    public Csv row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for " + header.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object v : values) {
            r.add(format(v));
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public String text() {
        StringBuilder sb = new StringBuilder(String.join(",", header.stream().map(Csv::quote).toList())).append('\n');
        for (List<String> r : rows) {
            sb.append(String.join(",", r.stream().map(Csv::quote).toList())).append('\n');
        }
        return sb.toString();
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, text());
    }

    static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d);
        }
        if (v instanceof Float f) {
            return Float.isNaN(f) ? "" : String.format(Locale.ROOT, "%.6g", f);
        }
        return v.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
