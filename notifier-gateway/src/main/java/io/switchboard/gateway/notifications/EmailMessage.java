package io.switchboard.gateway.notifications;

import org.springframework.web.util.HtmlUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One or several events (a digest, when many fire at once) as an email: a subject, a short text and the same in
 * HTML, with a link to the dashboard.
 */
record EmailMessage(String subject, String text, String html) {

    static EmailMessage of(List<EventSummary> events, List<String> eventNames, String dashboardUrl) {
        String subject = events.size() == 1 ? "[Switchboard] " + events.get(0).headline()
                : "[Switchboard] " + events.size() + " events: " + counts(eventNames);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<html><body>");
        for (EventSummary event : events) {
            String facts = event.facts().stream().map(fact -> fact.label() + " " + fact.value())
                    .collect(Collectors.joining(" · "));
            text.append(event.headline()).append('\n');
            html.append("<p><strong>").append(HtmlUtils.htmlEscape(event.headline())).append("</strong>");
            if (!facts.isEmpty()) {
                text.append("  ").append(facts).append('\n');
                html.append("<br>").append(HtmlUtils.htmlEscape(facts));
            }
            html.append("</p>");
        }
        text.append('\n').append("Dashboard: ").append(dashboardUrl).append('\n');
        html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(dashboardUrl)).append("\">Open the dashboard</a></p>")
                .append("</body></html>");
        return new EmailMessage(subject, text.toString(), html.toString());
    }

    /** "3 task:created, 2 task:failed", in the order they came. */
    private static String counts(List<String> eventNames) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        eventNames.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
