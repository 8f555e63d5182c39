package io.switchboard.task.api;

import io.switchboard.web.ApiException;
import io.switchboard.task.store.TaskQuery;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.web.JsonBody;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Query parameters and headers of the task API, checked with a 400 that names them. */
final class QueryParams {

    private static final int MAX_WORDS = 10;
    private static final int MAX_WORD_LENGTH = 100;

    private QueryParams() {
    }

    static int limit(String limit, int max) {
        if (limit == null) {
            return max;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a whole number between 1 and " + max, "limit");
    }

    /** Statuses, comma-separated; OPEN stands for every status that is not final. None: any status. */
    static Set<TaskStatus> statuses(String statuses) {
        Set<TaskStatus> wanted = EnumSet.noneOf(TaskStatus.class);
        if (statuses == null) {
            return wanted;
        }
        for (String status : statuses.split(",")) {
            if (status.trim().equalsIgnoreCase("OPEN")) {
                Arrays.stream(TaskStatus.values()).filter(s -> !s.isFinal()).forEach(wanted::add);
            } else if (!status.isBlank()) {
                wanted.add(JsonBody.parseEnum(status, "status", TaskStatus.class));
            }
        }
        return wanted;
    }

    /** true or false (any case); null when absent. */
    static Boolean flag(String value, String name) {
        if (value == null) {
            return null;
        }
        if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.trim());
        }
        throw ApiException.badRequest(name + " must be true or false", name);
    }

    /** The words of a search, split on spaces; at most a few, each not too long, so a search stays cheap. */
    static List<String> words(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        List<String> words = Arrays.stream(q.trim().split("\\s+")).toList();
        if (words.size() > MAX_WORDS || words.stream().anyMatch(word -> word.length() > MAX_WORD_LENGTH)) {
            throw ApiException.badRequest("q takes at most " + MAX_WORDS + " words of at most " + MAX_WORD_LENGTH
                    + " characters", "q");
        }
        return words;
    }

    static boolean newestFirst(String order) {
        if (order == null || order.equalsIgnoreCase("oldest")) {
            return false;
        }
        if (order.equalsIgnoreCase("newest")) {
            return true;
        }
        throw ApiException.badRequest("order must be oldest or newest", "order");
    }

    static String cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            TaskQuery.decode(cursor);
            return cursor;
        } catch (RuntimeException e) {
            throw ApiException.badRequest("cursor is not one this API gave out", "cursor");
        }
    }

    /** Labels as {@code key:value} (or {@code key=value}); all must match. */
    static Map<String, String> labels(List<String> labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (labels == null) {
            return wanted;
        }
        for (String label : labels) {
            int split = label.indexOf(':') >= 0 ? label.indexOf(':') : label.indexOf('=');
            if (split <= 0) {
                throw ApiException.badRequest("label must be key:value", "label");
            }
            wanted.put(label.substring(0, split), label.substring(split + 1));
        }
        return wanted;
    }

    /** The version in an If-Match header: {@code "3"}, {@code W/"3"} or {@code 3}; {@code *} means any. */
    static Long ifMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("If-Match must be a task version as given in its ETag, such as \"3\"",
                "If-Match");
    }

    /** A version a read must see, as an ETag gives it ({@code 3} or {@code "3"}); 400 naming the header otherwise. */
    static long minVersion(String value, String header) {
        String version = value.trim().replace("\"", "");
        try {
            long parsed = Long.parseLong(version);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(header + " must be a task version as given in its ETag, such as \"3\"", header);
    }
}
