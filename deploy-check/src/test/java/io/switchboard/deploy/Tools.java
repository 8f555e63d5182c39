package io.switchboard.deploy;

import org.junit.jupiter.api.Assumptions;

/** What to do when a tool that checks deploy/ further is not installed: skip, or fail when it is required. */
final class Tools {

    static final boolean REQUIRED = Boolean.getBoolean("switchboard.deploy.require-tools");
    /** true: use no external tool even where one is installed (exercises the resolution without Kustomize). */
    static final boolean OFF = Boolean.getBoolean("switchboard.deploy.no-tools");

    private Tools() {
    }

    static void missing(String message) {
        if (REQUIRED) {
            throw new AssertionError(message + " (switchboard.deploy.require-tools=true)");
        }
        Assumptions.abort(message);
    }
}
