package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.RequesterId;

public interface Usage {
    UsageReport usage(RequesterId requester);
}
