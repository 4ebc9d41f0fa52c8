package ml.frontier.lab.report;

import ml.frontier.core.io.AtomicFiles;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Renders a Markdown report as one self-contained HTML page: CommonMark with GitHub tables,
 * and every local PNG embedded as a data URI so the page can be mailed or archived on its own.
 */
public final class HtmlPage {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;"
            + "color:#222;line-height:1.45}h1{border-bottom:2px solid #ddd;padding-bottom:.2em}h2{margin-top:1.6em;"
            + "border-bottom:1px solid #eee}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
            + "padding:4px 8px;text-align:left}th{background:#f4f4f4}tr:nth-child(even) td{background:#fafafa}"
            + "code{background:#f2f2f2;padding:1px 4px;border-radius:3px}pre{background:#f6f6f6;padding:10px;"
            + "overflow-x:auto}pre code{background:none;padding:0}img{max-width:100%;border:1px solid #eee}";

    private HtmlPage() {}

    /** The HTML page for {@code markdown}; images are resolved against {@code dir}. */
    public static String render(String title, String markdown, Path dir) {
        Node doc = Parser.builder().extensions(EXTENSIONS).build().parse(markdown);
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
                .attributeProviderFactory(context -> embedImages(dir)).build();
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title><style>" + STYLE
                + "</style></head><body>\n" + renderer.render(doc) + "</body></html>\n";
    }

    /** Writes {@code name.html} in {@code dir}, atomically. */
    public static void write(Path dir, String name, String title, String markdown) throws IOException {
        AtomicFiles.writeString(dir.resolve(name + ".html"), render(title, markdown, dir));
    }

    /** Replaces a local PNG's {@code src} with its bytes; a missing file keeps its link. */
    private static AttributeProvider embedImages(Path dir) {
        return (node, tag, attributes) -> {
            if (!(node instanceof Image) || !"img".equals(tag)) {
                return;
            }
            String src = attributes.get("src");
            if (src == null || src.contains(":") || !src.toLowerCase(Locale.ROOT).endsWith(".png")) {
                return;
            }
            Path file = dir.resolve(src).normalize();
            try {
                attributes.put("src", "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            } catch (IOException e) {
                // not written (yet): the page links to it instead
            }
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
