package io.switchboard.assignment.decider;

import io.switchboard.aggregate.DeadLetters;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.MessageRecords;
import io.switchboard.aggregate.PreviousOwners;
import io.switchboard.aggregate.StaticMembers;
import io.switchboard.aggregate.StateView;
import io.switchboard.aggregate.Transaction;
import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The one active decider: the Kafka side of {@link Decider}. Instances of assignment-service share the single
 * partition of {@code assignment.requests} in one consumer group: the owner decides, the others wait. Every round
 * (requests, the automatic queue, ack timeouts) is one Kafka transaction that also commits the request offset with the
 * group's generation, so a decider that lost the partition (a zombie) is fenced and none of its decisions count.
 *
 * <p>Invariants: a decision is made only for a PENDING task at the version it saw, and task-service applies it only
 * if the task is still there, so a task never has two agents. An agent's load is its open tasks in task-service's
 * state plus this decider's decisions not applied yet, so no agent is given more than its limit. A new decider first
 * waits until task-service has applied every command written before it took over (its predecessor's decisions
 * included) and its own view has caught up: it starts from the truth, with no decision of another in flight.
 *
 * <p>The views pass every change on as it is read; the decider applies them to its {@link DeciderState} on its own
 * thread, and a change wakes it at once (rather than at its next poll), so that a new task is decided on as soon as
 * it is seen.
 */
public final class AssignmentDecider implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AssignmentDecider.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    private final KafkaClients clients;
    private final MessageCodec codec;
    private final MessageRecords records;
    private final Clock clock;
    private final StateView<TaskState> tasks;
    private final StateView<AgentState> agents;
    private final Decider decider;
    private final DeciderSettings settings;
    private final Admin admin;
    private final String requestTopic;
    private final Queue<Task> taskChanges = new ConcurrentLinkedQueue<>();
    private final Queue<AgentState> agentChanges = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean active;
    /** The request offset this decider last committed (or found committed when it took over). */
    private long committedRequests;
    /** A round is due whatever changed (taken over, or a round to do again). */
    private boolean roundDue;
    private Instant lastRound = Instant.EPOCH;

    public AssignmentDecider(KafkaClients clients, MessageCodec codec, Clock clock, StateView<TaskState> tasks,
                             StateView<AgentState> agents, AssignmentQueue queue, AgentSelector selector,
                             SlaDeadlines deadlines, DeciderSettings settings) {
        this.clients = clients;
        this.codec = codec;
        this.records = new MessageRecords(codec, clients.topics());
        this.clock = clock;
        this.tasks = tasks;
        this.agents = agents;
        this.decider = new Decider(new DeciderState(deadlines, queue, settings.defaultMode()), queue, selector, settings,
                () -> UUID.randomUUID().toString());
        this.settings = settings;
        this.admin = clients.admin();
        this.requestTopic = clients.topics().name(Topics.ASSIGNMENT_REQUESTS);
        // Registered before the views start reading, so that no change is missed.
        tasks.store().watch(state -> changed(taskChanges, state.task()));
        agents.store().watch(state -> changed(agentChanges, state));
    }

    /** Whether this instance is the active decider now. */
    public boolean active() {
        return active;
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaProducer<String, byte[]> producer = clients.transactionalProducer()) {
                KafkaConsumer<String, byte[]> requests = clients.commandConsumer();
                consumer = requests;
                try {
                    producer.initTransactions();
                    requests.subscribe(List.of(requestTopic), new TakeOver(requests));
                    while (running) {
                        ConsumerRecords<String, byte[]> batch = poll(requests);
                        wakeRequested.set(false);
                        boolean changed = applyChanges();
                        if (active) {
                            round(batch, changed, requests, producer);
                        }
                    }
                } finally {
                    // Stopping: leave the group, so a stand-by takes over at once rather than after the session timeout.
                    KafkaClients.close(requests, !running);
                }
            } catch (WakeupException e) {
                if (running) {
                    log.warn("Decider woken up unexpectedly; starting over");
                }
            } catch (RuntimeException e) {
                // Fenced, the group moved on, or a bug: forget everything in flight and start over.
                log.warn("Decider restarting after: {}", e.toString());
                StaticMembers.releaseIfHeld(clients, admin, e);
                active = false;
                decider.state().clearInFlight();
                pause();
            }
        }
        admin.close(Duration.ofSeconds(5));
    }

    /** A view read a change: queued for the decider's thread, which it wakes if it is deciding. */
    private <T> void changed(Queue<T> queue, T change) {
        queue.add(change);
        if (active && wakeRequested.compareAndSet(false, true)) {
            KafkaConsumer<String, byte[]> requests = consumer;
            if (requests != null) {
                requests.wakeup();
            }
        }
    }

    /** Polls the requests; a wake-up for a change ends the poll early with nothing. */
    private ConsumerRecords<String, byte[]> poll(KafkaConsumer<String, byte[]> requests) {
        try {
            return requests.poll(POLL);
        } catch (WakeupException e) {
            if (!running) {
                throw e;
            }
            return ConsumerRecords.empty();
        }
    }

    /** Applies the changes the views read since the last time; true when there was any. */
    private boolean applyChanges() {
        boolean any = false;
        for (AgentState agent; (agent = agentChanges.poll()) != null; any = true) {
            decider.onAgent(agent);
        }
        for (Task task; (task = taskChanges.poll()) != null; any = true) {
            decider.onTask(task);
        }
        return any;
    }

    private void round(ConsumerRecords<String, byte[]> batch, boolean changed, KafkaConsumer<String, byte[]> requests,
                       KafkaProducer<String, byte[]> producer) {
        Instant now = clock.instant();
        boolean due = roundDue || !now.isBefore(lastRound.plus(settings.recheck()));
        if (batch.isEmpty() && !changed && !due) {
            return;
        }
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        List<AssignmentRequest> asked = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                asked.add(codec.decode(MessageType.ASSIGNMENT_REQUEST, record.value()));
            } catch (RuntimeException e) {
                out.add(DeadLetters.of(clients.topics(), record, e));
            }
        }
        if (!batch.isEmpty()) {
            catchUpViews();
            applyChanges();
        }
        roundDue = false;
        lastRound = now;
        Decider.Decisions decisions = decider.round(asked, now,
                id -> tasks.store().get(id).map(TaskState::task).orElse(null));
        if (decisions.isEmpty() && batch.isEmpty()) {
            return;
        }
        for (Decider.Message message : decisions.messages()) {
            out.add(records.published(message.type(), message.key(), message.payload(), now));
        }
        TopicPartition partition = new TopicPartition(requestTopic, 0);
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(partition,
                clients.offset(requests.position(partition)));
        if (Transaction.commit(producer, out, offsets, requests.groupMetadata()) == Transaction.Outcome.RETRY) {
            // Refused only for the group epoch of just before (the membership changed), or while the coordinator
            // reloads the group: none of this round happened. Answer its requests again and look at the queue again.
            requests.seek(partition, committedRequests);
            roundDue = true;
            return;
        }
        committedRequests = requests.position(partition);
        decider.committed(decisions);
    }


    /**
     * Before answering requests, read every task and agent committed so far: a task created (or an agent registered)
     * before someone asked to assign it is known to the answer.
     */
    private void catchUpViews() {
        try {
            Duration timeout = settings.takeoverTimeout();
            if (!tasks.barrier().await(timeout) || !agents.barrier().await(timeout)) {
                log.warn("Views not caught up within {}; answering from what is known", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while catching up", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RESTART_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> requests = consumer;
        if (requests != null) {
            requests.wakeup();
        }
    }

    /**
     * Taking over the partition: fence the previous decider if it is gone (its open transaction, holding
     * task-service's commands back, is aborted now rather than at its timeout), then wait until task-service has
     * applied every command written to {@code task.commands} before now (the previous decider's included) and this
     * instance's task view has read the result. Only then is what the view shows the whole truth about loads.
     */
    private final class TakeOver implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> requests;

        TakeOver(KafkaConsumer<String, byte[]> requests) {
            this.requests = requests;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            decider.state().clearInFlight();
            try {
                PreviousOwners.fence(clients, admin, partitions);
                for (TopicPartition partition : partitions) {
                    committedRequests = position(partition);
                }
                awaitTaskServiceCaughtUp();
                if (!tasks.barrier().await(settings.takeoverTimeout())) {
                    throw new IllegalStateException("task view not caught up");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while taking over", e);
            }
            roundDue = true;
            active = true;
            log.info("Instance {} is the active decider (took over in {} ms)", clients.instanceId(),
                    (System.nanoTime() - started) / 1_000_000);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            active = false;
            decider.state().clearInFlight();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        /** The committed position; a wake-up meant for a round before this take-over is not a reason to fail it. */
        private long position(TopicPartition partition) {
            try {
                return requests.position(partition);
            } catch (WakeupException e) {
                if (!running) {
                    throw e;
                }
                return requests.position(partition);
            }
        }

        private void awaitTaskServiceCaughtUp() throws InterruptedException {
            String commands = clients.topics().name(Topics.TASK_COMMANDS);
            String group = clients.topics().name(settings.taskServiceGroup());
            long deadline = System.nanoTime() + settings.takeoverTimeout().toNanos();
            try {
                Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(commands)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(commands).partitions().stream()
                        .collect(Collectors.toMap(p -> new TopicPartition(commands, p.partition()),
                                p -> OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(10, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
                while (System.nanoTime() < deadline) {
                    Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    boolean caughtUp = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                            || (done.get(end.getKey()) != null && done.get(end.getKey()).offset() >= end.getValue()));
                    if (caughtUp) {
                        return;
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Cannot see task-service's progress: " + e.getMessage(), e);
            }
            throw new IllegalStateException("task-service did not catch up within " + settings.takeoverTimeout());
        }
    }
}
