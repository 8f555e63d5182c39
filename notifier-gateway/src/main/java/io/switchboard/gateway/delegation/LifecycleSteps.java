package io.switchboard.gateway.delegation;

import java.util.List;

/**
 * What a Switchboard task needs so that its status follows its A2A task's state: working (or waiting for input,
 * which is work begun) starts it; completed starts and completes it; failed and rejected fail it; canceled cancels
 * it. Only steps the task's status still allows are given, so following the same state twice does nothing.
 */
final class LifecycleSteps {

    enum Step { START, COMPLETE, FAIL, CANCEL }

    private LifecycleSteps() {
    }

    /**
     * @param a2aState the A2A task state as the protocol spells it ({@code working}, {@code input-required}, ...)
     * @param status   the Switchboard task's status ({@code ASSIGNED}, {@code IN_PROGRESS}, ...)
     */
    static List<Step> toFollow(String a2aState, String status) {
        boolean assigned = "ASSIGNED".equals(status);
        boolean open = assigned || "IN_PROGRESS".equals(status);
        if (!open) {
            return List.of();
        }
        return switch (a2aState) {
            case "working", "input-required", "auth-required" -> assigned ? List.of(Step.START) : List.of();
            case "completed" -> assigned ? List.of(Step.START, Step.COMPLETE) : List.of(Step.COMPLETE);
            case "failed", "rejected" -> List.of(Step.FAIL);
            case "canceled" -> List.of(Step.CANCEL);
            default -> List.of();
        };
    }
}
