package io.switchboard.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Topic names. A public event's topic is its event name with ':' turned into '.' ({@code task:created} goes to
 * {@code task.created}); internal topics follow the same scheme. An optional prefix lets several deployments (or
 * test classes) share one Kafka cluster; it is empty by default, so external consumers subscribe to the plain names.
 */
public final class Topics {

    public static final String TASK_COMMANDS = "task.commands";
    public static final String TASK_COMMAND_RESULTS = "task.command-results";
    public static final String TASK_STATE = "task.state";
    /** Finished tasks whose retention ran out, each with its last state: the export for an archive elsewhere. */
    public static final String TASK_ARCHIVED = "task.archived";
    public static final String AGENT_COMMANDS = "agent.commands";
    public static final String AGENT_COMMAND_RESULTS = "agent.command-results";
    public static final String AGENT_STATE = "agent.state";
    public static final String TASK_HOLDINGS = "agent.task-holdings";
    public static final String SLA_TIMERS = "sla.timers";
    public static final String SLA_STATE = "sla.state";
    public static final String ASSIGNMENT_REQUESTS = "assignment.requests";
    public static final String ASSIGNMENT_DECIDED = "assignment.decided";
    public static final String ASSIGNMENT_RESULTS = "assignment.results";
    public static final String API_KEYS = "gateway.api-keys";
    public static final String AUDIT_LOG = "audit.log";
    /** Webhook subscriptions, one record per subscription (compacted). */
    public static final String NOTIFICATION_SUBSCRIPTIONS = "notification.subscriptions";
    /** Webhook deliveries given up after their retries. */
    public static final String NOTIFICATION_PARKED = "notification.parked";
    /** Tasks sent to A2A agents, one record per task (compacted): the gateway's A2A dispatcher's state. */
    public static final String A2A_DISPATCHES = "a2a.dispatches";
    /**
     * Push notifications A2A agents sent to a gateway instance: every instance reads them, so the one following the
     * task looks at it at once, whichever instance the agent reached.
     */
    public static final String A2A_PUSHES = "a2a.pushes";
    /** Where commands for the aggregates go (a command written by another aggregate or a timer needs no result). */
    public static final List<String> COMMANDS = List.of(TASK_COMMANDS, AGENT_COMMANDS);
    /** One partition: its owner in the decider's consumer group is the one active decider. */
    public static final List<String> SINGLE_PARTITION = List.of(ASSIGNMENT_REQUESTS);
    /** Topics whose unreadable records go to a dead-letter topic: the command topics and what the registry reads. */
    public static final List<String> WITH_DEAD_LETTERS =
            List.of(TASK_COMMANDS, AGENT_COMMANDS, ASSIGNMENT_REQUESTS, SLA_TIMERS, "task.created", "task.updated",
                    TASK_ARCHIVED);
    /** Compacted: the latest record per key is kept (until a tombstone removes the key: an archived task). */
    public static final List<String> COMPACTED = List.of(TASK_STATE, AGENT_STATE, TASK_HOLDINGS, SLA_STATE, API_KEYS,
            NOTIFICATION_SUBSCRIPTIONS, A2A_DISPATCHES);
    /** Only needed while a caller waits. */
    public static final List<String> SHORT_LIVED =
            List.of(TASK_COMMAND_RESULTS, AGENT_COMMAND_RESULTS, ASSIGNMENT_REQUESTS, ASSIGNMENT_RESULTS, A2A_PUSHES);
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final String prefix;

    public Topics(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public static String eventTopic(String eventName) {
        return eventName.replace(':', '.');
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
        WITH_DEAD_LETTERS.forEach(topic -> names.add(topic + DEAD_LETTER_SUFFIX));
        return names;
    }

    public String prefix() {
        return prefix;
    }
}
