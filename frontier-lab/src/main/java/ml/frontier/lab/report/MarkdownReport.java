package ml.frontier.lab.report;

import ml.frontier.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Markdown report with headings, paragraphs, tables and images, also rendered as a
 * self-contained HTML page (images referenced beside it).
 */
public final class MarkdownReport {

    private final StringBuilder md = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    public MarkdownReport(String title) {
        md.append("# ").append(title).append("\n\n");
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "th{background:#f4f4f4}pre{background:#f6f6f6;padding:8px}</style></head><body><h1>")
                .append(esc(title)).append("</h1>\n");
    }

    public MarkdownReport heading(String text) {
        md.append("## ").append(text).append("\n\n");
        html.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    public MarkdownReport paragraph(String text) {
        md.append(text).append("\n\n");
        html.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    public MarkdownReport code(String text) {
        md.append("```\n").append(text).append(text.endsWith("\n") ? "" : "\n").append("```\n\n");
        html.append("<pre>").append(esc(text)).append("</pre>\n");
        return this;
    }

    public MarkdownReport table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append(" --- |".repeat(header.size())).append('\n');
        html.append("<table><tr>");
        header.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
            html.append("<tr>");
            r.forEach(c -> html.append("<td>").append(esc(c)).append("</td>"));
            html.append("</tr>\n");
        }
        md.append('\n');
        html.append("</table>\n");
        return this;
    }

    /** An image file (relative to the report's directory). */
    public MarkdownReport image(String alt, String relativePath) {
        md.append("![").append(alt).append("](").append(relativePath).append(")\n\n");
        html.append("<p><img alt=\"").append(esc(alt)).append("\" src=\"").append(esc(relativePath)).append("\"></p>\n");
        return this;
    }

    public String markdown() {
        return md.toString();
    }

    /** Writes {@code name.md} and {@code name.html} in {@code dir}. */
    public void write(Path dir, String name) throws IOException {
        AtomicFiles.writeString(dir.resolve(name + ".md"), md.toString());
        AtomicFiles.writeString(dir.resolve(name + ".html"), html + "</body></html>\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
