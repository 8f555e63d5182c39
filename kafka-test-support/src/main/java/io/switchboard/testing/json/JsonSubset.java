package io.switchboard.testing.json;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks documented JSON against the real thing: {@code actual} must hold at least what {@code expected} shows.
 * Objects may have more fields; arrays must match element by element; numbers compare by value (1 equals 1.0).
 */
public final class JsonSubset {

    private JsonSubset() {
    }

    public static void assertContains(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual != null && actual.isObject()).as(where + " is an object").isTrue();
            for (String field : expected.propertyNames()) {
                JsonNode value = actual.get(field);
                assertThat(value).as(where + "." + field + " is present").isNotNull();
                assertContains(where + "." + field, expected.get(field), value);
            }
        } else if (expected.isArray()) {
            assertThat(actual != null && actual.isArray()).as(where + " is an array").isTrue();
            assertThat(actual.size()).as(where + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(where + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber() && actual.decimalValue().compareTo(expected.decimalValue()) == 0)
                    .as(where + " = " + expected + " but was " + actual).isTrue();
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }
}
