package io.switchboard.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** PNG charts drawn with java.awt (headless): grouped bars and a line. No chart library needed. */
final class Charts {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd)};
    private static final int W = 900, H = 480, LEFT = 90, RIGHT = 30, TOP = 60, BOTTOM = 80;

    private Charts() {
    }

    /**
     * Grouped bars: one group per category, one bar per series. {@code target} (NaN for none) is drawn as a dashed
     * line with its label.
     */
    static void bars(Path file, String title, String unit, List<String> categories, List<String> series,
                     double[][] values, double target, String targetLabel) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image, title);
        double max = Double.isNaN(target) ? 0 : target;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = niceCeiling(max * 1.1);
        axes(g, max, unit);
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        int groupW = plotW / Math.max(1, categories.size());
        int barW = Math.max(6, (int) (groupW * 0.7 / Math.max(1, series.size())));
        for (int c = 0; c < categories.size(); c++) {
            int groupX = LEFT + c * groupW + (groupW - barW * series.size()) / 2;
            for (int s = 0; s < series.size(); s++) {
                double v = values[c][s];
                if (Double.isNaN(v)) {
                    continue;
                }
                int h = (int) Math.round(plotH * Math.min(v, max) / max);
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(groupX + s * barW, TOP + plotH - h, barW - 2, h);
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                String label = number(v);
                g.drawString(label, groupX + s * barW + (barW - g.getFontMetrics().stringWidth(label)) / 2,
                        TOP + plotH - h - 4);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String name = categories.get(c);
            g.drawString(name, LEFT + c * groupW + (groupW - g.getFontMetrics().stringWidth(name)) / 2, H - BOTTOM + 20);
        }
        if (!Double.isNaN(target)) {
            int y = TOP + plotH - (int) Math.round(plotH * target / max);
            g.setColor(new Color(0xd62728));
            g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
            g.drawLine(LEFT, y, W - RIGHT, y);
            g.drawString(targetLabel, W - RIGHT - g.getFontMetrics().stringWidth(targetLabel) - 4, y - 5);
            g.setStroke(new BasicStroke(1));
        }
        legend(g, series);
        write(image, g, file);
    }

    /** One line of y over x (x in seconds). */
    static void line(Path file, String title, String xUnit, String yUnit, double[] x, double[] y, double reference,
                     String referenceLabel) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image, title);
        double maxY = Double.isNaN(reference) ? 0 : reference;
        for (double v : y) {
            maxY = Math.max(maxY, v);
        }
        maxY = niceCeiling(maxY * 1.1);
        double maxX = x.length == 0 ? 1 : Math.max(1, x[x.length - 1]);
        axes(g, maxY, yUnit);
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            double v = maxX * i / 5;
            int px = LEFT + (int) (plotW * i / 5.0);
            g.drawString(number(v), px - 10, H - BOTTOM + 18);
        }
        g.drawString(xUnit, LEFT + plotW / 2 - 20, H - BOTTOM + 40);
        g.setColor(PALETTE[0]);
        g.setStroke(new BasicStroke(2));
        for (int i = 1; i < x.length; i++) {
            g.drawLine(LEFT + (int) (plotW * x[i - 1] / maxX), TOP + plotH - (int) (plotH * y[i - 1] / maxY),
                    LEFT + (int) (plotW * x[i] / maxX), TOP + plotH - (int) (plotH * y[i] / maxY));
        }
        if (!Double.isNaN(reference)) {
            int py = TOP + plotH - (int) Math.round(plotH * reference / maxY);
            g.setColor(new Color(0xd62728));
            g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
            g.drawLine(LEFT, py, W - RIGHT, py);
            g.drawString(referenceLabel, W - RIGHT - g.getFontMetrics().stringWidth(referenceLabel) - 4, py - 5);
        }
        write(image, g, file);
    }

    private static Graphics2D start(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        return g;
    }

    private static void axes(Graphics2D g, double max, String unit) {
        int plotH = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - (int) (plotH * i / 5.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, W - RIGHT, y);
            g.setColor(Color.BLACK);
            String label = number(max * i / 5);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawLine(LEFT, TOP + plotH, W - RIGHT, TOP + plotH);
        g.drawString(unit, 10, TOP - 10);
    }

    private static void legend(Graphics2D g, List<String> series) {
        if (series.size() < 2) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = LEFT;
        for (int s = 0; s < series.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(x, H - 30, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), x + 16, H - 20);
            x += 30 + g.getFontMetrics().stringWidth(series.get(s));
        }
    }

    private static void write(BufferedImage image, Graphics2D g, Path file) throws IOException {
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String number(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
