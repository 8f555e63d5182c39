package io.switchboard.bench.report;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top of a JFR recording's CPU samples ({@code jdk.ExecutionSample}), as markdown: the hottest methods (self
 * time, frame 0), the hottest first frames outside the JDK (who the time is spent for) and the busiest threads.
 * <pre>JfrTop name file.jfr out.md [top=12]</pre>
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path file = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int top = args.length > 3 ? Integer.parseInt(args[3]) : 12;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> app = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            var thread = event.getThread("sampledThread");
            String threadName = thread == null ? "?" : thread.getJavaName();
            threads.merge(threadName == null ? "?" : threadName.replaceAll("[0-9]+", "N"), 1, Integer::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(frame(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                        || type.startsWith("com.sun."))) {
                    app.merge(frame(frame), 1, Integer::sum);
                    break;
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("**").append(name).append("**: ").append(samples).append(" CPU samples (JFR `jdk.ExecutionSample`)\n\n");
        table(md, "Hottest methods (self)", self, samples, top);
        table(md, "Hottest first non-JDK frames", app, samples, top);
        table(md, "Busiest threads (digits folded)", threads, samples, 6);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.print(md);
    }

    private static String frame(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.', type.lastIndexOf('.') - 1) + 1) + "." + frame.getMethod().getName();
    }

    private static void table(StringBuilder md, String title, Map<String, Integer> counts, int samples, int top) {
        md.append("| ").append(title).append(" | share |\n|---|---:|\n");
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((frame, n) -> md.append("| `").append(frame.replace("|", "\\|")).append("` | ")
                .append(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * n / Math.max(1, samples)))
                .append(" |\n"));
        md.append('\n');
    }
}
