package dev.tessera.safety.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrCurvePlotTest {

    @Test
    void writesAValidPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        PrecisionRecallCurve c = PrecisionRecallCurve.of(new boolean[]{false, true, true, false, false, true},
                new double[]{0.2, 0.9, 0.7, 0.8, 0.7, 0.6});
        PrecisionRecallCurve other = PrecisionRecallCurve.of(new boolean[]{true, false}, new double[]{0.9, 0.1});
        Path png = dir.resolve("sub/pr.png");
        PrCurvePlot.write(png, "test curve", List.of(
                new PrCurvePlot.Series("a", c, c.at(0.7), "threshold 0.7"),
                new PrCurvePlot.Series("b", other, null, null)), 640, 480);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "ImageIO reads it back");
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        // Something was drawn: the plot area is not uniformly white, and the first series' colour appears.
        int seriesColour = PrCurvePlot.PALETTE.get(0).getRGB() & 0xffffff;
        boolean found = false;
        for (int x = 0; x < img.getWidth() && !found; x++) {
            for (int y = 0; y < img.getHeight() && !found; y++) {
                found = (img.getRGB(x, y) & 0xffffff) == seriesColour;
            }
        }
        assertEquals(true, found, "series colour drawn");
        assertNotEquals(img.getRGB(0, 0), img.getRGB(80, 50), "frame corner differs from background");
    }
}
