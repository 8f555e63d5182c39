package io.switchboard.aggregate;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * A record that cannot be applied goes, unchanged, to its topic's dead-letter topic ({@code <topic>.DLT}) with
 * spring-kafka's header names for where it came from and why, so that Spring's and Kafka's tooling read it.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String DLT_TOPIC = "kafka_dlt-original-topic";
    static final String DLT_PARTITION = "kafka_dlt-original-partition";
    static final String DLT_OFFSET = "kafka_dlt-original-offset";
    static final String DLT_EXCEPTION = "kafka_dlt-exception-fqcn";
    static final String DLT_MESSAGE = "kafka_dlt-exception-message";

    private DeadLetters() {
    }

    /** The dead letter of {@code record}, refused because of {@code error}; logged as a warning. */
    public static ProducerRecord<String, byte[]> of(Topics topics, ConsumerRecord<String, byte[]> record,
                                                    Exception error) {
        log.warn("Record {}-{}@{} goes to the dead-letter topic: {}", record.topic(), record.partition(),
                record.offset(), error.getMessage());
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, DLT_TOPIC, record.topic());
        put(headers, DLT_PARTITION, String.valueOf(record.partition()));
        put(headers, DLT_OFFSET, String.valueOf(record.offset()));
        put(headers, DLT_EXCEPTION, error.getClass().getName());
        put(headers, DLT_MESSAGE, String.valueOf(error.getMessage()));
        return new ProducerRecord<>(topics.deadLetter(record.topic()), null, record.key(), record.value(), headers);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
