package io.switchboard.gateway.delegation;

import io.a2a.spec.Artifact;
import io.a2a.spec.DataPart;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TextPart;
import io.a2a.util.Utils;
import io.switchboard.events.a2a.A2aDispatch;

import java.util.List;
import java.util.stream.Collectors;

/** What a dispatch keeps of an A2A task or message: its state's name, the text of its status and its artifacts. */
final class A2aTaskFacts {

    private A2aTaskFacts() {
    }

    static String state(Task task) {
        return task.getStatus() == null || task.getStatus().state() == null ? "unknown"
                : task.getStatus().state().asString();
    }

    /** The text of the task's status message, or null. */
    static String statusText(Task task) {
        return task.getStatus() == null ? null : text(task.getStatus().message());
    }

    static List<A2aDispatch.Artifact> artifacts(Task task) {
        if (task.getArtifacts() == null) {
            return List.of();
        }
        return task.getArtifacts().stream().map(A2aTaskFacts::artifact).toList();
    }

    /** The text parts of a message, one per line (data parts as JSON); null for no message. */
    static String text(Message message) {
        return message == null || message.getParts() == null ? null : text(message.getParts());
    }

    private static A2aDispatch.Artifact artifact(Artifact artifact) {
        return new A2aDispatch.Artifact(artifact.artifactId(), artifact.name(),
                artifact.parts() == null ? "" : text(artifact.parts()));
    }

    private static String text(List<Part<?>> parts) {
        return parts.stream().map(A2aTaskFacts::partText).collect(Collectors.joining("\n"));
    }

    private static String partText(Part<?> part) {
        if (part instanceof TextPart text) {
            return text.getText();
        }
        if (part instanceof DataPart data) {
            return Utils.toJsonString(data.getData());
        }
        return "[" + part.getKind() + "]";
    }
}
