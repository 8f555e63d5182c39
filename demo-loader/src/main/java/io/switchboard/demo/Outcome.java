package io.switchboard.demo;

import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an answer of the API means for the loader. */
public enum Outcome {
    /** 201: it was not there and now is. */
    CREATED,
    /** 200 (or another 2xx but 201): it was there already, with the same content. */
    UNCHANGED,
    /** 409 on the id: it was loaded before and has changed since (someone moved the task on). */
    ALREADY_EXISTS,
    /** Anything else: the loader stops. */
    FAILED;

    /** Classifies an HTTP answer. */
    public static Outcome of(int status, String body) {
        if (status == 201) {
            return CREATED;
        }
        if (status >= 200 && status < 300) {
            return UNCHANGED;
        }
        if (status == 409 && saysAlreadyExists(body)) {
            return ALREADY_EXISTS;
        }
        return FAILED;
    }

    /**
     * Whether a 409 body says that the id is taken, i.e. {@code "field":"id"} or an error
     * text that says "already exists". A 409 about anything else is a real error.
     */
    static boolean saysAlreadyExists(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode json = JsonMapper.shared().readTree(body);
            if (json != null && json.isObject()) {
                if ("id".equals(json.path("field").asString(""))) {
                    return true;
                }
                return mentionsExists(json.path("error").asString(""))
                        || mentionsExists(json.path("message").asString(""));
            }
        } catch (JacksonException notJson) {
            // fall through to the raw text
        }
        return mentionsExists(body);
    }

    private static boolean mentionsExists(String text) {
        return text.toLowerCase(Locale.ROOT).contains("already exist");
    }
}
