package dev.kisscam.core.port.in;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of an incoming photo. The core opens it once and reads it as a stream. */
@FunctionalInterface
public interface ContentSource {
    InputStream open() throws IOException;
}
