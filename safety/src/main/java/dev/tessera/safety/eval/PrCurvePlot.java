package dev.tessera.safety.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Draws precision-recall curves with Java2D into a PNG: axes 0..1 with a grid, axis labels, a title, a legend
 * (with average precision) and each series' operating point marked and labelled. Headless: sets
 * {@code java.awt.headless=true} unless the caller chose otherwise.
 */
public final class PrCurvePlot {

    /** Colours cycled by series order (colour-blind-friendly Okabe-Ito). */
    public static final List<Color> PALETTE = List.of(new Color(0, 114, 178), new Color(213, 94, 0),
            new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233));

    /**
     * One curve.
     *
     * @param name      legend entry
     * @param curve     the points
     * @param operating the chosen operating point (e.g. the shipped threshold), or null
     * @param pointLabel text beside the operating point, or null
     */
    public record Series(String name, PrecisionRecallCurve curve, PrecisionRecallCurve.Point operating,
                         String pointLabel) {
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(curve, "curve");
        }
    }

    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private PrCurvePlot() {
    }

    public static BufferedImage render(String title, List<Series> series, int width, int height) {
        if (width < LEFT + RIGHT + 50 || height < TOP + BOTTOM + 50) {
            throw new IllegalArgumentException("image too small: " + width + "x" + height);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int pw = width - LEFT - RIGHT;
            int ph = height - TOP - BOTTOM;
            Frame f = new Frame(LEFT, TOP, pw, ph);

            // Grid, ticks and tick labels.
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= 10; i += 2) {
                double v = i / 10.0;
                String label = String.format(Locale.ROOT, "%.1f", v);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(f.x(v), TOP, f.x(v), TOP + ph);
                g.drawLine(LEFT, f.y(v), LEFT + pw, f.y(v));
                g.setColor(Color.BLACK);
                g.drawLine(f.x(v), TOP + ph, f.x(v), TOP + ph + 5);
                g.drawLine(LEFT - 5, f.y(v), LEFT, f.y(v));
                g.drawString(label, f.x(v) - fm.stringWidth(label) / 2, TOP + ph + 8 + fm.getAscent());
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), f.y(v) + fm.getAscent() / 2 - 1);
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.5f));
            g.drawRect(LEFT, TOP, pw, ph);

            // Axis labels and title.
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            fm = g.getFontMetrics();
            g.drawString("Recall", LEFT + pw / 2 - fm.stringWidth("Recall") / 2, height - 15);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString("Precision", -(TOP + ph / 2) - fm.stringWidth("Precision") / 2, 25);
            g.setTransform(saved);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            fm = g.getFontMetrics();
            g.drawString(title, width / 2 - fm.stringWidth(title) / 2, 30);

            // Curves (straight segments between successive thresholds), operating points, legend.
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            fm = g.getFontMetrics();
            int legendY = TOP + ph - 10 - (series.size() - 1) * (fm.getHeight() + 2);
            for (int s = 0; s < series.size(); s++) {
                Series ser = series.get(s);
                Color c = PALETTE.get(s % PALETTE.size());
                g.setColor(c);
                g.setStroke(new BasicStroke(2f));
                List<PrecisionRecallCurve.Point> pts = ser.curve().points();
                if (!pts.isEmpty()) {
                    Path2D.Double path = new Path2D.Double();
                    path.moveTo(f.xd(0), f.yd(pts.get(0).precision()));
                    for (PrecisionRecallCurve.Point p : pts) {
                        path.lineTo(f.xd(p.recall()), f.yd(p.precision()));
                    }
                    g.draw(path);
                }
                if (ser.operating() != null) {
                    double px = f.xd(ser.operating().recall());
                    double py = f.yd(ser.operating().precision());
                    g.fill(new Ellipse2D.Double(px - 6, py - 6, 12, 12));
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(1.5f));
                    g.draw(new Ellipse2D.Double(px - 6, py - 6, 12, 12));
                    if (ser.pointLabel() != null) {
                        int tw = fm.stringWidth(ser.pointLabel());
                        int tx = (int) px + 10 + tw > LEFT + pw ? (int) px - 10 - tw : (int) px + 10;
                        int ty = (int) py + 18 > TOP + ph ? (int) py - 10 : (int) py + 18;
                        g.drawString(ser.pointLabel(), tx, ty);
                    }
                }
                String entry = String.format(Locale.ROOT, "%s (AP %.3f)", ser.name(), ser.curve().averagePrecision());
                int ly = legendY + s * (fm.getHeight() + 2);
                g.setColor(c);
                g.fillRect(LEFT + 12, ly - fm.getAscent() / 2 - 2, 18, 4);
                g.setColor(Color.BLACK);
                g.drawString(entry, LEFT + 36, ly);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG, creating parent directories. */
    public static void write(Path png, String title, List<Series> series, int width, int height) {
        BufferedImage img = render(title, series, width, height);
        try {
            if (png.getParent() != null) {
                Files.createDirectories(png.getParent());
            }
            if (!ImageIO.write(img, "png", png.toFile())) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + png, e);
        }
    }

    private record Frame(int left, int top, int w, int h) {
        int x(double v) {
            return (int) Math.round(xd(v));
        }

        int y(double v) {
            return (int) Math.round(yd(v));
        }

        double xd(double v) {
            return left + v * w;
        }

        double yd(double v) {
            return top + (1 - v) * h;
        }
    }
}
