package io.switchboard.deploy;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of a check, so one run names them all. */
final class Problems {

    private final String subject;
    private final List<String> found = new ArrayList<>();

    Problems(String subject) {
        this.subject = subject;
    }

    void check(boolean ok, String message) {
        if (!ok) {
            found.add(message);
        }
    }

    void add(String message) {
        found.add(message);
    }

    void assertNone() {
        if (!found.isEmpty()) {
            throw new AssertionError(subject + ": " + found.size() + " problem(s):\n  - " + String.join("\n  - ", found));
        }
    }
}
