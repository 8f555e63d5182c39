package io.switchboard.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates every Switchboard topic that does not exist yet. The compacted state topics keep the latest record per
 * key forever; command results are only needed while a caller waits, so they expire after an hour.
 * Run by the local run command: {@code TopicProvisioner <bootstrap servers> [partitions] [replication] [prefix]}.
 */
public final class TopicProvisioner {

    private static final Map<String, String> SHORT_LIVED =
            Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(3_600_000));

    private TopicProvisioner() {
    }

    public static List<NewTopic> topics(Topics topics, int partitions, short replication) {
        return Topics.allBaseNames().stream().map(base -> {
            int count = Topics.SINGLE_PARTITION.contains(base) ? 1 : partitions;
            NewTopic topic = new NewTopic(topics.name(base), count, replication);
            if (Topics.COMPACTED.contains(base)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            } else if (Topics.SHORT_LIVED.contains(base)) {
                topic.configs(SHORT_LIVED);
            }
            return topic;
        }).toList();
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: TopicProvisioner <bootstrap servers> [partitions] [replication] [prefix]");
            System.exit(2);
        }
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        short replication = args.length > 2 ? Short.parseShort(args[2]) : 1;
        Topics names = new Topics(args.length > 3 ? args[3] : "");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            int created = 0;
            for (NewTopic topic : topics(names, partitions, replication)) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    created++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
            System.out.println("topics: " + created + " created, " + Topics.allBaseNames().size() + " in all");
        }
    }
}
