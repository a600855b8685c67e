package dev.kisscam.core.domain;

/** Where a person stands in a photo, as fractions 0..1 of the width and height from the top-left corner. */
public record PersonBox(double left, double top, double width, double height) {
    public PersonBox {
        check("left", left);
        check("top", top);
        check("width", width);
        check("height", height);
        if (left + width > 1.0 + 1e-9 || top + height > 1.0 + 1e-9) {
            throw new IllegalArgumentException("a person box must lie inside the photo");
        }
    }

    private static void check(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a fraction 0..1, was " + value);
        }
    }

    public double centreX() {
        return left + width / 2;
    }

    public double centreY() {
        return top + height / 2;
    }
}
