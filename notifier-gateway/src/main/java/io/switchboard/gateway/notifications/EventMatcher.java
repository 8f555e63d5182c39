package io.switchboard.gateway.notifications;

import io.switchboard.events.agent.AgentEvent;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskEvent;

/** Whether an event is one a subscription asked for: every filter it gives must hold. */
final class EventMatcher {

    private EventMatcher() {
    }

    static boolean matches(WebhookSubscription subscription, String eventName, Object event) {
        if (!subscription.events().isEmpty() && !subscription.events().contains(eventName)) {
            return false;
        }
        Task task = event instanceof TaskEvent taskEvent ? taskEvent.task() : null;
        if (subscription.priority() != null && (task == null || task.priority() == null
                || !subscription.priority().equals(task.priority().name()))) {
            return false;
        }
        if (subscription.capability() != null && (task == null
                || !(task.requiredCapabilities().contains(subscription.capability())
                || task.preferredCapabilities().contains(subscription.capability())))) {
            return false;
        }
        if (subscription.label() != null && (task == null || !hasLabel(task, subscription.label()))) {
            return false;
        }
        return subscription.agent() == null || subscription.agent().equals(agentOf(event, task));
    }

    private static boolean hasLabel(Task task, String label) {
        int equals = label.indexOf('=');
        return task.labels() != null
                && label.substring(equals + 1).equals(task.labels().get(label.substring(0, equals)));
    }

    private static String agentOf(Object event, Task task) {
        if (event instanceof AgentEvent agentEvent) {
            return agentEvent.agentId();
        }
        if (event instanceof TaskAssigned assigned && assigned.agent() != null) {
            return assigned.agent().id();
        }
        return task == null ? null : task.agent();
    }
}
