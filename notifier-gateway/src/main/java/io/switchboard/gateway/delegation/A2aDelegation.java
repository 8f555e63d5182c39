package io.switchboard.gateway.delegation;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.MessageType;
import io.switchboard.events.a2a.A2aDispatch;
import io.switchboard.events.a2a.A2aPushReceived;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's A2A dispatcher: one loop sends tasks assigned to A2A agents (its own consumer group on
 * {@code task.assigned}, committed once a task is sent and its dispatch written) and removes the dispatches of
 * archived tasks ({@code task.archived}), one follows the dispatches in flight, one reads the push notifications any
 * instance took ({@code a2a.pushes}) and wakes their tasks. Several gateway instances share the
 * work by consumer groups: the assignments by their partitions, the dispatches by the partitions of
 * {@code a2a.dispatches} each instance is given, so each dispatch has one follower;
 * a follower that restarts reads the dispatches back and goes on following every one not yet final.
 */
final class A2aDelegation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(A2aDelegation.class);
    /** How often the follower looks for tasks an agent's stream woke (each is otherwise polled every poll-interval). */
    private static final Duration WAKE_CHECK = Duration.ofMillis(100);

    private final KafkaClients assignmentsClients;
    private final KafkaClients trackingClients;
    private final String assignedTopic;
    private final String archivedTopic;
    private final AssignmentDispatcher dispatcher;
    private final DispatchTracker tracker;
    private final Dispatches dispatches;
    private final AgentDirectory directory;
    private final PushNotifications pushes;
    private final MessageCodec codec;
    private final DelegationProperties settings;
    private final HttpClient probes;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> assignments;
    private volatile KafkaConsumer<String, byte[]> tracking;
    private volatile KafkaConsumer<String, byte[]> pushReader;
    private long lastProbe;

    A2aDelegation(KafkaClients clients, String assignedTopic, String archivedTopic, AssignmentDispatcher dispatcher,
                  DispatchTracker tracker, Dispatches dispatches, AgentDirectory directory,
                  PushNotifications pushes, MessageCodec codec, DelegationProperties settings) {
        this.assignmentsClients = clients.forPart("a2a-dispatch");
        this.trackingClients = clients.forPart("a2a-tracking");
        this.assignedTopic = assignedTopic;
        this.archivedTopic = archivedTopic;
        this.dispatcher = dispatcher;
        this.tracker = tracker;
        this.dispatches = dispatches;
        this.directory = directory;
        this.pushes = pushes;
        this.codec = codec;
        this.settings = settings;
        this.probes = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    @Override
    public void start() {
        running = true;
        thread("a2a-dispatch", this::sendAssigned);
        thread("a2a-tracking", this::followDispatches);
        thread("a2a-pushes", this::wakeOnPushes);
    }

    private static void thread(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void sendAssigned() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = assignmentsClients.commandConsumer()) {
                assignments = reader;
                reader.subscribe(List.of(assignedTopic, archivedTopic));
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(settings.pollInterval())) {
                        if (!sendOne(reader, record)) {
                            break;
                        }
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.error("A2A dispatch loop stopped; starting again", e);
                pause(settings.pollInterval());
            }
        }
    }

    /** False when the assignment is to be tried again: the consumer is back at it. */
    private boolean sendOne(KafkaConsumer<String, byte[]> reader, ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            if (record.topic().equals(archivedTopic)) {
                dispatcher.onArchived(record.value());
            } else {
                dispatcher.onAssigned(record.value());
            }
        } catch (AssignmentDispatcher.NotNow e) {
            log.info("A2A dispatch of {} postponed: {}", record.key(), e.getMessage());
            reader.seek(partition, record.offset());
            pause(settings.pollInterval());
            return false;
        } catch (RuntimeException e) {
            log.warn("Not dispatching unreadable assignment at {}@{}: {}", partition, record.offset(),
                    e.getMessage());
        }
        reader.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        return true;
    }

    /**
     * Every push notification any instance took wakes its task here: only the instance that follows the task acts on
     * it. Read from the end: a push missed while this instance was away is made up for by the first look at every
     * dispatch in flight after a start.
     */
    private void wakeOnPushes() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = trackingClients.committedReader("a2a-pushes")) {
                pushReader = reader;
                List<TopicPartition> partitions = reader.partitionsFor(pushes.topic()).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException(pushes.topic() + " has no partitions yet");
                }
                reader.assign(partitions);
                reader.seekToEnd(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(settings.pollInterval())) {
                        try {
                            A2aPushReceived push = codec.decode(MessageType.A2A_PUSH_RECEIVED, record.value());
                            tracker.woke(push.taskId());
                        } catch (RuntimeException e) {
                            log.warn("Unreadable A2A push at {}@{}: {}", record.partition(), record.offset(),
                                    e.getMessage());
                        }
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.error("A2A push loop stopped; starting again", e);
                pause(settings.pollInterval());
            }
        }
    }

    private void followDispatches() {
        long nextRefresh = 0;
        Map<String, Long> lastLook = new HashMap<>();
        while (running) {
            try (KafkaConsumer<String, byte[]> member = trackingClients.commandConsumer()) {
                tracking = member;
                // Membership only: the dispatches themselves are read whole by the view every instance keeps.
                member.subscribe(List.of(dispatches.topic()));
                while (running) {
                    member.poll(WAKE_CHECK);
                    Set<Integer> owned = member.assignment().stream().map(TopicPartition::partition)
                            .collect(Collectors.toSet());
                    int partitions = owned.isEmpty() ? 0 : member.partitionsFor(dispatches.topic()).size();
                    long now = System.nanoTime();
                    List<A2aDispatch> inFlight = dispatches.unsettled();
                    Set<String> inFlightIds = inFlight.stream().map(A2aDispatch::taskId).collect(Collectors.toSet());
                    lastLook.keySet().retainAll(inFlightIds);
                    tracker.keepWakesOf(inFlightIds);
                    for (A2aDispatch dispatch : inFlight) {
                        if (partitions == 0 || !owned.contains(partitionOf(dispatch.taskId(), partitions))) {
                            continue;
                        }
                        Long last = lastLook.get(dispatch.taskId());
                        if (tracker.takeWake(dispatch.taskId()) || last == null
                                || now - last >= settings.pollInterval().toNanos()) {
                            lastLook.put(dispatch.taskId(), now);
                            tracker.follow(dispatch);
                        }
                    }
                    boolean refresh = now - nextRefresh > 0;
                    if (refresh) {
                        nextRefresh = now + settings.agentsRefresh().toNanos();
                    }
                    if (refresh || now - lastProbe >= settings.pollInterval().toNanos()) {
                        lastProbe = now;
                        probeAgents(refresh);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.error("A2A tracking loop stopped; starting again", e);
                pause(settings.pollInterval());
            }
        }
    }

    static int partitionOf(String taskId, int partitions) {
        return BuiltInPartitioner.partitionForKey(taskId.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /**
     * Each A2A agent whose card is still served is alive: its heartbeat when one is due, whether or not it has work
     * (an agent with tasks in flight beats by answering their polls). {@code refresh}: read the registry's list
     * again first.
     */
    private void probeAgents(boolean refresh) {
        try {
            for (AgentDirectory.A2aAgent agent : refresh ? directory.refresh() : directory.known()) {
                if (tracker.dueForHeartbeat(agent) && answers(agent.cardUrl())) {
                    tracker.heartbeat(agent);
                }
            }
        } catch (IOException e) {
            log.debug("A2A agents not probed now: {}", e.getMessage());
        }
    }

    private boolean answers(String cardUrl) {
        try {
            HttpResponse<Void> answer = probes.send(HttpRequest.newBuilder(URI.create(cardUrl))
                    .timeout(settings.requestTimeout()).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> a = assignments;
        KafkaConsumer<String, byte[]> t = tracking;
        if (a != null) {
            a.wakeup();
        }
        if (t != null) {
            t.wakeup();
        }
        KafkaConsumer<String, byte[]> p = pushReader;
        if (p != null) {
            p.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
