package io.switchboard.events.audit;

import java.time.Instant;

/**
 * One write or refusal at the gateway, on the {@code audit.log} topic. The first four fields are the seed's audit
 * shape ({@code {timestamp, event, role, action}}); the rest say who, on what, and how it ended.
 *
 * @param timestamp when the request was answered
 * @param event     permission_granted, permission_denied, authentication_failed or rate_limited
 * @param role      the caller's role; null when no valid credential was given
 * @param action    the permission the request needed, e.g. task.assign
 * @param id        a unique id of this entry
 * @param principal who called: the API key's name, the token's subject, or anonymous
 * @param method    the HTTP method
 * @param target    the request path
 * @param status    the HTTP status answered
 * @param requestId the request's X-Request-Id, also in the gateway's logs
 */
public record AuditEntry(Instant timestamp, String event, String role, String action, String id, String principal,
                         String method, String target, int status, String requestId) {
}
