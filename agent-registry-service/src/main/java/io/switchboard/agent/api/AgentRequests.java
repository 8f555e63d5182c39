package io.switchboard.agent.api;

import io.switchboard.web.ApiException;
import io.switchboard.web.JsonBody;

/** The agent API's value checks that the shared {@link JsonBody} does not have. */
final class AgentRequests {

    private AgentRequests() {
    }

    static Double fraction(JsonBody json, String field) {
        Double value = json.number(field);
        if (value != null && (value < 0 || value > 1)) {
            throw ApiException.badRequest(field + " must be between 0 and 1", field);
        }
        return value;
    }

    static Boolean flag(JsonBody json, String field) {
        return json.bool(field);
    }
}
