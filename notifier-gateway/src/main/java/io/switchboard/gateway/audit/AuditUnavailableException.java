package io.switchboard.gateway.audit;

/** The audit log could not record an entry: the request it belongs to must not be answered as a success. */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message) {
        super(message, null, false, false);
    }
}
