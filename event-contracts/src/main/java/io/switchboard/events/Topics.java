package io.switchboard.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Topic names. A public event's topic is its event name with ':' turned into '.' ({@code task:created} goes to
 * {@code task.created}); internal topics follow the same scheme. An optional prefix lets several deployments (or
 * test classes) share one Kafka cluster; it is empty by default, so external consumers subscribe to the plain names.
 */
public final class Topics {

    public static final String TASK_COMMANDS = "task.commands";
    public static final String TASK_COMMAND_RESULTS = "task.command-results";
    public static final String TASK_STATE = "task.state";
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final String prefix;

    public Topics(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public static String eventTopic(String eventName) {
        return eventName.replace(':', '.');
    }

    static Optional<String> eventName(String topic) {
        int dot = topic.indexOf('.');
        if (dot < 0 || topic.startsWith("task.command") || topic.equals(TASK_STATE)) {
            return Optional.empty();
        }
        return Optional.of(topic.substring(0, dot) + ':' + topic.substring(dot + 1));
    }

    public String name(String baseName) {
        return prefix + baseName;
    }

    public String of(MessageType type) {
        return name(type.topic());
    }

    public String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Every topic of the system, with its base name, as {@link TopicProvisioner} creates them. */
    public static List<String> allBaseNames() {
        List<String> names = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            if (!names.contains(type.topic())) {
                names.add(type.topic());
            }
        }
        names.add(TASK_COMMANDS + DEAD_LETTER_SUFFIX);
        return names;
    }

    public String prefix() {
        return prefix;
    }
}
