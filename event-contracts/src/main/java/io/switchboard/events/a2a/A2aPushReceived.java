package io.switchboard.events.a2a;

import java.time.Instant;
import java.util.Objects;

/**
 * A push notification an A2A agent sent to a gateway's callback for a task it was given, its token checked: one
 * record on {@code a2a.pushes} (keyed by task id), read by every gateway instance so that the one following the task
 * looks at it at once. Only a wake-up: what the task does is still read from the agent with {@code tasks/get}.
 *
 * @param taskId     the Switchboard task
 * @param a2aTaskId  the task's id at the agent, as the notification named it
 * @param state      the A2A task state the notification carried (null when it carried none)
 * @param receivedAt when the gateway took the notification
 */
public record A2aPushReceived(String taskId, String a2aTaskId, String state, Instant receivedAt) {

    public A2aPushReceived {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
