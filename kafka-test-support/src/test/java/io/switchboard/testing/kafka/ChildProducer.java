package io.switchboard.testing.kafka;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Run in a child JVM by {@link KafkaTestBrokerTest}: args are bootstrap servers and topic. */
public final class ChildProducer {

    static final String VALUE = "hello from a child JVM";

    private ChildProducer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "child-" + ProcessHandle.current().pid(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(args[1], "child", VALUE)).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
        }
    }
}
