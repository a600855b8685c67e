package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.PersonBox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Puts two photos of one person each into one picture: the same height, each cut to a portrait strip
 * centred on its person (on the photo's middle when the detector gave no box), with a thin grey gap, so
 * the two people stand close enough to turn to each other.
 */
final class SideBySide {
    /** A strip is at most 3:4, unless the person is wider than that. */
    static final double STRIP_WIDTH_PER_HEIGHT = 0.75;
    /** Room around a person's box when the box decides the strip's width. */
    static final double BOX_MARGIN = 1.2;
    static final double GAP_PER_HEIGHT = 0.02;
    static final Color GAP = new Color(128, 128, 128);

    private SideBySide() {
    }

    static BufferedImage compose(Side left, Side right) {
        int height = Math.min(left.image().getHeight(), right.image().getHeight());
        BufferedImage a = Scaling.toHeight(left.image(), height);
        BufferedImage b = Scaling.toHeight(right.image(), height);
        Strip stripA = Strip.around(a.getWidth(), height, left.people());
        Strip stripB = Strip.around(b.getWidth(), height, right.people());
        int gap = Math.max(2, (int) Math.round(height * GAP_PER_HEIGHT));

        var composite = new BufferedImage(stripA.width() + gap + stripB.width(), height, Scaling.RGB);
        Graphics2D g = composite.createGraphics();
        try {
            g.setColor(GAP);
            g.fillRect(0, 0, composite.getWidth(), height);
            g.drawImage(a.getSubimage(stripA.left(), 0, stripA.width(), height), 0, 0, null);
            g.drawImage(b.getSubimage(stripB.left(), 0, stripB.width(), height), stripA.width() + gap, 0, null);
        } finally {
            g.dispose();
        }
        return composite;
    }

    /** One upright photo and where its people stand, as fractions of it. */
    record Side(BufferedImage image, List<PersonBox> people) {
    }

    /** The columns of a photo that go into the composite. */
    record Strip(int left, int width) {
        static Strip around(int imageWidth, int height, List<PersonBox> people) {
            double centre = imageWidth / 2.0;
            double wanted = height * STRIP_WIDTH_PER_HEIGHT;
            if (!people.isEmpty()) {
                double from = people.stream().mapToDouble(PersonBox::left).min().orElseThrow();
                double to = people.stream().mapToDouble(p -> p.left() + p.width()).max().orElseThrow();
                centre = (from + to) / 2 * imageWidth;
                wanted = Math.max(wanted, (to - from) * imageWidth * BOX_MARGIN);
            }
            int width = (int) Math.min(imageWidth, Math.round(wanted));
            int left = (int) Math.round(centre - width / 2.0);
            return new Strip(Math.clamp(left, 0, imageWidth - width), width);
        }
    }
}
