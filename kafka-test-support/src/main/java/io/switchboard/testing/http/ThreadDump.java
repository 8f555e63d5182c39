package io.switchboard.testing.http;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Every thread of this JVM with its full stack and the lock it waits on, as jstack would print them. */
final class ThreadDump {

    private ThreadDump() {
    }

    static String now() {
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        return Arrays.stream(threads).map(ThreadDump::describe).collect(Collectors.joining("\n"));
    }

    // ThreadInfo.toString cuts stacks at eight frames, too few to see which handler holds an event loop.
    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"").append(thread.getThreadName()).append("\" ")
                .append(thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        text.append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\tat ").append(frame).append('\n');
        }
        return text.toString();
    }
}
