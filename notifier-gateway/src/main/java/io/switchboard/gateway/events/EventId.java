package io.switchboard.gateway.events;

/** Where an event sits in Kafka, as a frame's id: {@code topic:partition:offset}. */
record EventId(String topic, int partition, long offset) {

    /** The id, or null when {@code text} is not one. */
    static EventId parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split(":");
        if (parts.length != 3 || parts[0].isBlank()) {
            return null;
        }
        try {
            return new EventId(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }
}
