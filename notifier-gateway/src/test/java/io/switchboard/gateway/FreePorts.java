package io.switchboard.gateway;

import io.switchboard.testing.stack.ServiceStack;

/** A port nothing listens on right now. */
final class FreePorts {

    private FreePorts() {
    }

    static int next() {
        return ServiceStack.freePort();
    }
}
