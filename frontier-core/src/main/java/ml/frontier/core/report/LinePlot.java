package ml.frontier.core.report;

import ml.frontier.core.io.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG line chart: several named series of (x, y) points, axes with ticks, a legend.
 *
 * <p>Example: {@code new LinePlot("Detection vs queries", "queries", "P(detect)").logX()
 * .add("boundary", xs, ys).write(path)}. Headless: uses only java.awt images.
 */
public final class LinePlot {

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private record Series(String name, double[] x, double[] y) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private Double yMin;
    private Double yMax;
    private int width = 720;
    private int height = 440;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Logarithmic x axis (x values must be positive). */
    public LinePlot logX() {
        logX = true;
        return this;
    }

    /** Fixes the y range (e.g. 0..1 for probabilities). */
    public LinePlot yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    public LinePlot size(int w, int h) {
        width = w;
        height = h;
        return this;
    }

    public LinePlot add(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    public BufferedImage render() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int left = 70, right = 170, top = 40, bottom = 55;
        int pw = width - left - right, ph = height - top - bottom;
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i]) || !Double.isFinite(s.x[i])) {
                    continue;
                }
                x0 = Math.min(x0, tx(s.x[i]));
                x1 = Math.max(x1, tx(s.x[i]));
                y0 = Math.min(y0, s.y[i]);
                y1 = Math.max(y1, s.y[i]);
            }
        }
        if (!Double.isFinite(x0)) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (yMin != null) {
            y0 = yMin;
            y1 = yMax;
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, pw, ph);
        for (int t = 0; t <= 5; t++) {
            double yv = y0 + (y1 - y0) * t / 5;
            int py = top + ph - (int) Math.round(ph * (yv - y0) / (y1 - y0));
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, py, left + pw - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(fmt(yv), 8, py + 4);
            double xv = x0 + (x1 - x0) * t / 5;
            int px = left + (int) Math.round(pw * (xv - x0) / (x1 - x0));
            g.drawLine(px, top + ph, px, top + ph + 4);
            g.drawString(fmt(logX ? Math.pow(10, xv) : xv), px - 12, top + ph + 18);
        }
        g.drawString(xLabel + (logX ? " (log scale)" : ""), left + pw / 2 - 40, height - 12);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + ph / 2 + 40), 16);
        g.rotate(Math.PI / 2);
        g.setStroke(new BasicStroke(2f));
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            g.setColor(PALETTE[si % PALETTE.length]);
            int prevX = -1, prevY = -1;
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i])) {
                    prevX = -1;
                    continue;
                }
                int px = left + (int) Math.round(pw * (tx(s.x[i]) - x0) / (x1 - x0));
                int py = top + ph - (int) Math.round(ph * (s.y[i] - y0) / (y1 - y0));
                g.fillOval(px - 3, py - 3, 6, 6);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            g.fillRect(left + pw + 12, top + 8 + si * 18, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(fit(g, s.name, right - 36), left + pw + 32, top + 14 + si * 18);
        }
        g.dispose();
        return img;
    }

    /** Writes the chart as a PNG, atomically. */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(render(), "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** A legend entry cut to {@code width} pixels (with an ellipsis) so it stays inside the image. */
    private static String fit(Graphics2D g, String name, int width) {
        var metrics = g.getFontMetrics();
        if (metrics.stringWidth(name) <= width) {
            return name;
        }
        String cut = name;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private double tx(double x) {
        return logX ? Math.log10(x) : x;
    }

    private static String fmt(double v) {
        if (v != 0 && (Math.abs(v) >= 10000 || Math.abs(v) < 0.01)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v);
    }
}
