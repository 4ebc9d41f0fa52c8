package ml.frontier.lab.report;

import ml.frontier.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Markdown report with headings, paragraphs, tables, code and images; {@link #write} also
 * writes its HTML rendering ({@link HtmlPage}), so the two never say different things.
 */
public final class MarkdownReport {

    private final String title;
    private final StringBuilder md = new StringBuilder();

    public MarkdownReport(String title) {
        this.title = title;
        md.append("# ").append(title).append("\n\n");
    }

    public MarkdownReport heading(String text) {
        md.append("## ").append(text).append("\n\n");
        return this;
    }

    public MarkdownReport paragraph(String text) {
        md.append(text).append("\n\n");
        return this;
    }

    public MarkdownReport code(String text) {
        md.append("```\n").append(text).append(text.endsWith("\n") ? "" : "\n").append("```\n\n");
        return this;
    }

    public MarkdownReport table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", cells(header))).append(" |\n|");
        md.append(" --- |".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            md.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        }
        md.append('\n');
        return this;
    }

    /** An image file (relative to the report's directory). */
    public MarkdownReport image(String alt, String relativePath) {
        md.append("![").append(alt).append("](").append(relativePath).append(")\n\n");
        return this;
    }

    public String title() {
        return title;
    }

    public String markdown() {
        return md.toString();
    }

    /** Writes {@code name.md} and {@code name.html} (plots embedded) in {@code dir}, atomically. */
    public void write(Path dir, String name) throws IOException {
        AtomicFiles.writeString(dir.resolve(name + ".md"), md.toString());
        HtmlPage.write(dir, name, title, md.toString());
    }

    /** A table cell must not end the row early: its pipes are escaped, its line breaks joined. */
    private static List<String> cells(List<String> row) {
        return row.stream().map(c -> c.replace("|", "\\|").replace('\n', ' ')).toList();
    }
}
