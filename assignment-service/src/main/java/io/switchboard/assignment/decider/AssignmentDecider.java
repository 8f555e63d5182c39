package io.switchboard.assignment.decider;

import io.switchboard.aggregate.CommitFailures;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.PreviousOwners;
import io.switchboard.aggregate.StateView;
import io.switchboard.assignment.queue.AssignmentPlanner;
import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.assignment.AssignmentDecided;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.assignment.AssignmentResult;
import io.switchboard.events.assignment.AssignmentResult.Outcome;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.AgentRef;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
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
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The one active decider. Instances of assignment-service share the single partition of {@code assignment.requests}
 * in one consumer group: the owner decides, the others wait. Every round (requests, the automatic queue, ack
 * timeouts) is one Kafka transaction that also commits the request offset with the group's generation, so a decider
 * that lost the partition (a zombie) is fenced and none of its decisions count.
 *
 * <p>Invariants: a decision is made only for a PENDING task at the version it saw, and task-service applies it only
 * if the task is still there, so a task never has two agents. An agent's load is its open tasks in task-service's
 * state plus this decider's decisions not applied yet, so no agent is given more than its limit. A new decider first
 * waits until task-service has applied every command written before it took over (its predecessor's decisions
 * included) and its own view has caught up: it starts from the truth, with no decision of another in flight.
 */
public final class AssignmentDecider implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AssignmentDecider.class);
    static final String ACTOR = "assignment-service";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    private final KafkaClients clients;
    private final MessageCodec codec;
    private final Clock clock;
    private final StateView<TaskState> tasks;
    private final StateView<AgentState> agents;
    private final AssignmentQueue queue;
    private final AgentSelector selector;
    private final AssignmentPlanner planner;
    private final SlaDeadlines deadlines;
    private final DeciderSettings settings;
    private final Admin admin;
    private final String requestTopic;
    private final Map<String, Reservation> reservations = new HashMap<>();
    private final Map<String, Set<String>> excluded = new HashMap<>();
    private final Map<String, String> lastHolder = new HashMap<>();
    private final Map<String, Long> released = new HashMap<>();
    private final Map<String, Seen> assignedSince = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean active;
    /** The request offset this decider last committed (or found committed when it took over). */
    private long committedRequests;
    private long seenTaskChanges = -1;
    private long seenAgentChanges = -1;
    private Instant lastRound = Instant.EPOCH;

    public AssignmentDecider(KafkaClients clients, MessageCodec codec, Clock clock, StateView<TaskState> tasks,
                             StateView<AgentState> agents, AssignmentQueue queue, AgentSelector selector,
                             SlaDeadlines deadlines, DeciderSettings settings) {
        this.clients = clients;
        this.codec = codec;
        this.clock = clock;
        this.tasks = tasks;
        this.agents = agents;
        this.queue = queue;
        this.selector = selector;
        this.planner = new AssignmentPlanner(selector);
        this.deadlines = deadlines;
        this.settings = settings;
        this.admin = clients.admin();
        this.requestTopic = clients.topics().name(Topics.ASSIGNMENT_REQUESTS);
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
                        ConsumerRecords<String, byte[]> batch = requests.poll(POLL);
                        if (active) {
                            round(batch, requests, producer);
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
                active = false;
                reservations.clear();
                pause();
            }
        }
        admin.close(Duration.ofSeconds(5));
    }

    private void round(ConsumerRecords<String, byte[]> batch, KafkaConsumer<String, byte[]> requests,
                       KafkaProducer<String, byte[]> producer) {
        Instant now = clock.instant();
        boolean changed = tasks.store().changes() != seenTaskChanges || agents.store().changes() != seenAgentChanges;
        boolean due = !now.isBefore(lastRound.plus(settings.recheck()));
        if (batch.isEmpty() && !changed && !due) {
            return;
        }
        if (!batch.isEmpty()) {
            catchUpViews();
        }
        seenTaskChanges = tasks.store().changes();
        seenAgentChanges = agents.store().changes();
        lastRound = now;
        Collection<TaskState> taskStates = tasks.store().all();
        forgetSettled(taskStates);
        Round round = new Round(taskStates, agents.store().all(), reservations, excluded,
                new ConcurrencyCaps(settings.concurrencyLimits()), deadlines);
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        List<Reservation> made = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            answer(record, round, now, out, made);
        }
        List<PendingTask> ordered = queue.order(round.automatic(settings.defaultMode(), now), now);
        for (AssignmentPlanner.Placement placement : planner.plan(ordered, round.pool, round.caps,
                settings.maxPerRound())) {
            Candidate agent = placement.selection().chosen();
            decide(round, placement.task(), agent, placement.selection(), null, reason(placement.selection()), now,
                    out, made);
        }
        List<Runnable> takenBack = new ArrayList<>();
        takeBackUnacknowledged(round, now, out, takenBack);
        if (out.isEmpty() && batch.isEmpty()) {
            return;
        }
        TopicPartition partition = new TopicPartition(requestTopic, 0);
        producer.beginTransaction();
        try {
            out.forEach(producer::send);
            producer.sendOffsetsToTransaction(Map.of(partition, clients.offset(requests.position(partition))),
                    requests.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            boolean aborted;
            try {
                producer.abortTransaction();
                aborted = true;
            } catch (RuntimeException ignored) {
                aborted = false; // the producer is replaced below
            }
            if (aborted && CommitFailures.staleEpoch(e)) {
                // Refused only for the group epoch of just before (the membership changed): none of this round
                // happened. Answer its requests again and look at the queue again at once, with the new epoch.
                requests.seek(partition, committedRequests);
                seenTaskChanges = -1;
                return;
            }
            throw e;
        }
        committedRequests = requests.position(partition);
        made.forEach(reservation -> reservations.put(reservation.taskId(), reservation));
        takenBack.forEach(Runnable::run);
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

    private void answer(ConsumerRecord<String, byte[]> record, Round round, Instant now,
                        List<ProducerRecord<String, byte[]>> out, List<Reservation> made) {
        AssignmentRequest request;
        try {
            request = codec.decode(MessageType.ASSIGNMENT_REQUEST, record.value());
        } catch (RuntimeException e) {
            log.warn("Unreadable assignment request at offset {} goes to the dead-letter topic: {}", record.offset(),
                    e.getMessage());
            Headers headers = new RecordHeaders(record.headers().toArray());
            headers.add("kafka_dlt-exception-message", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
            out.add(new ProducerRecord<>(clients.topics().deadLetter(requestTopic), null, record.key(), record.value(),
                    headers));
            return;
        }
        AssignmentResult result = request.kind() == AssignmentRequest.Kind.ASSIGN
                ? assignOne(request, round, now, out, made)
                : assignNext(request, round, now, out, made);
        out.add(record(MessageType.ASSIGNMENT_RESULT, request.requestId(), result, now));
    }

    private AssignmentResult assignOne(AssignmentRequest request, Round round, Instant now,
                                       List<ProducerRecord<String, byte[]>> out, List<Reservation> made) {
        Task task = round.tasks.get(request.taskId());
        if (task == null) {
            return result(request, Outcome.TASK_NOT_FOUND, null, "Task not found", "taskId");
        }
        PendingTask pending = round.pending.get(task.id());
        if (pending == null) {
            String status = reservations.containsKey(task.id()) ? "being assigned" : task.status().name();
            return result(request, Outcome.NOT_PENDING, task, "Task " + task.id() + " is " + status
                    + ", not PENDING", "status");
        }
        AgentSelector.Selection selection = selector.select(pending, round.pool);
        Candidate agent = selection.chosen();
        String reason = reason(selection);
        if (request.agentId() != null) {
            agent = round.pool.get(request.agentId()).orElse(null);
            if (agent == null) {
                return result(request, Outcome.AGENT_NOT_FOUND, task, "Agent not found", "agentId");
            }
            var rule = selector.ineligibility(pending, agent);
            if (rule.isPresent()) {
                return result(request, Outcome.INELIGIBLE, task, "Agent " + agent.id() + " cannot take task "
                        + task.id() + ": " + rule.get(), "agentId");
            }
            reason = "requested by " + request.actor() + "; " + reason(selection);
        }
        if (agent == null) {
            return result(request, Outcome.NO_AGENT, task, "No available agent for task", "taskId");
        }
        if (!round.caps.tryTake(task.concurrencyKey())) {
            return result(request, Outcome.INELIGIBLE, task, "Concurrency key " + task.concurrencyKey()
                    + " is at its limit", "concurrencyKey");
        }
        round.pool.addLoad(agent.id(), 1);
        decide(round, pending, agent, selection, request.requestId(), reason, now, out, made);
        return new AssignmentResult(request.requestId(), Outcome.ASSIGNED, task.id(), task.version(), agent.id(),
                "Task assigned to " + agent.name(), null);
    }

    private AssignmentResult assignNext(AssignmentRequest request, Round round, Instant now,
                                        List<ProducerRecord<String, byte[]>> out, List<Reservation> made) {
        List<AssignmentPlanner.Placement> next = planner.plan(queue.order(round.requestable(now), now), round.pool,
                round.caps, 1);
        if (next.isEmpty()) {
            return new AssignmentResult(request.requestId(), Outcome.NO_TASK, null, 0, null, "No tasks in queue", null);
        }
        AssignmentPlanner.Placement placement = next.get(0);
        Candidate agent = placement.selection().chosen();
        decide(round, placement.task(), agent, placement.selection(), request.requestId(),
                reason(placement.selection()), now, out, made);
        return new AssignmentResult(request.requestId(), Outcome.ASSIGNED, placement.task().id(),
                placement.task().version(), agent.id(), "Task assigned to " + agent.name(), null);
    }

    /** Publishes a decision the caller has counted against the agent's capacity and the concurrency caps. */
    private void decide(Round round, PendingTask task, Candidate agent, AgentSelector.Selection selection,
                        String requestId, String reason, Instant now, List<ProducerRecord<String, byte[]>> out,
                        List<Reservation> made) {
        String decisionId = UUID.randomUUID().toString();
        List<AssignmentDecided.CandidateScore> candidates = selection.ranking().stream()
                .map(s -> new AssignmentDecided.CandidateScore(s.agentId(), s.score(), s.load(), s.excluded()))
                .toList();
        out.add(record(MessageType.ASSIGNMENT_DECIDED, task.id(), new AssignmentDecided(decisionId, task.id(),
                task.version(), agent.id(), agent.name(), reason, candidates, requestId, now), now));
        out.add(record(MessageType.ASSIGN_TASK, task.id(), new AssignTask(new CommandMeta(decisionId, task.id(), ACTOR,
                now, task.version(), null), new AgentRef(agent.id(), agent.name()), reason), now));
        round.placed(task.id());
        made.add(new Reservation(task.id(), task.version(), agent.id(), task.concurrencyKey()));
    }

    /**
     * An ASSIGNED task its agent did not start in time goes back to the queue, and that agent is avoided next. The
     * time counts from when this decider first saw the assignment, on its own clock: a clock skew between services
     * cannot make it take tasks back at once (only later, after a take-over, when the count starts again).
     */
    private void takeBackUnacknowledged(Round round, Instant now, List<ProducerRecord<String, byte[]>> out,
                                        List<Runnable> onCommit) {
        assignedSince.keySet().removeIf(id -> {
            Task task = round.tasks.get(id);
            return task == null || task.status() != TaskStatus.ASSIGNED;
        });
        for (Task task : round.tasks.values()) {
            if (task.status() != TaskStatus.ASSIGNED || released.containsKey(task.id())) {
                continue;
            }
            Seen seen = assignedSince.get(task.id());
            if (seen == null || seen.version() != task.version()) {
                assignedSince.put(task.id(), new Seen(task.version(), now));
                continue;
            }
            if (now.isBefore(seen.at().plus(settings.ackTimeout()))) {
                continue;
            }
            String commandId = "ack-timeout-" + task.id() + "-" + task.version();
            out.add(record(MessageType.RELEASE_TASK, task.id(), new ReleaseTask(new CommandMeta(commandId, task.id(),
                    ACTOR, now, task.version(), null), task.agent(), "not started within " + settings.ackTimeout()),
                    now));
            // Remembered only once the take-back is committed: if the round is aborted, the next one offers it again.
            onCommit.add(() -> {
                released.put(task.id(), task.version());
                excluded.computeIfAbsent(task.id(), id -> new HashSet<>()).add(task.agent());
            });
        }
    }

    /** When this decider first saw a task ASSIGNED at a version. */
    private record Seen(long version, Instant at) {
    }

    /** Drops reservations and take-backs that task-service has settled, and learns who just failed on which task. */
    private void forgetSettled(Collection<TaskState> taskStates) {
        Map<String, Task> byId = taskStates.stream().map(TaskState::task)
                .collect(Collectors.toMap(Task::id, t -> t, (a, b) -> a));
        reservations.values().removeIf(r -> !byId.containsKey(r.taskId())
                || byId.get(r.taskId()).version() > r.taskVersion());
        released.entrySet().removeIf(e -> !byId.containsKey(e.getKey()) || byId.get(e.getKey()).version() > e.getValue());
        for (Task task : byId.values()) {
            if (task.status().isOpen() && task.agent() != null) {
                lastHolder.put(task.id(), task.agent());
            } else {
                String previous = lastHolder.remove(task.id());
                if (task.status() == TaskStatus.PENDING && previous != null) {
                    excluded.computeIfAbsent(task.id(), id -> new HashSet<>()).add(previous);
                } else if (task.status().isFinal()) {
                    excluded.remove(task.id());
                }
            }
        }
    }

    /** Why this agent, for the task's history: the best candidates and their scores. */
    private static String reason(AgentSelector.Selection selection) {
        StringBuilder reason = new StringBuilder(selection.ranking().size() <= 1 ? "only eligible agent"
                : "best of " + selection.ranking().size() + " top eligible agents");
        String separator = ": ";
        for (AgentSelector.Scored scored : selection.ranking()) {
            reason.append(separator).append(scored.agentId()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", scored.score()));
            if (scored.excluded()) {
                reason.append(" (failed it before)");
            }
            separator = ", ";
        }
        return reason.toString();
    }

    private static AssignmentResult result(AssignmentRequest request, Outcome outcome, Task task, String message,
                                           String field) {
        return new AssignmentResult(request.requestId(), outcome, request.taskId(), task == null ? 0 : task.version(),
                request.agentId(), message, field);
    }

    private ProducerRecord<String, byte[]> record(MessageType type, String key, Object payload, Instant now) {
        Headers headers = new RecordHeaders();
        codec.writeHeaders(headers, payload, now);
        return new ProducerRecord<>(clients.topics().of(type), null, key, codec.encode(payload), headers);
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
            reservations.clear();
            released.clear();
            assignedSince.clear();
            try {
                PreviousOwners.fence(clients, admin, partitions);
                partitions.forEach(partition -> committedRequests = requests.position(partition));
                awaitTaskServiceCaughtUp();
                if (!tasks.barrier().await(settings.takeoverTimeout())) {
                    throw new IllegalStateException("task view not caught up");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while taking over", e);
            }
            seenTaskChanges = -1;
            active = true;
            log.info("Instance {} is the active decider (took over in {} ms)", clients.instanceId(),
                    (System.nanoTime() - started) / 1_000_000);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            active = false;
            reservations.clear();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
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
