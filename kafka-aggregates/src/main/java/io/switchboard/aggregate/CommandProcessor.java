package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Applies the commands of the command-topic partitions this instance owns. Each polled batch is one Kafka
 * transaction: the new states (to the compacted state topic), the events and other messages, the command results,
 * any dead letters and the consumer offsets commit together or not at all. So a command is applied exactly once,
 * even across crashes and rebalances, and nobody hears of a change that did not happen. Between polls, the owned
 * aggregates whose timer fell due ({@link AggregateLogic#nextDue}, kept in {@link DueTimers}) issue their
 * {@link AggregateLogic#due} commands to the command topic.
 */
final class CommandProcessor<S, C, R extends CommandReply> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    /** The MDC key under which the id of the command being applied is logged. */
    static final String MDC_COMMAND_ID = "commandId";
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);
    /**
     * The most timer commands issued in one transaction. Many can fall due at once (a shorter retention set on a
     * system with a million finished tasks): those beyond it are issued at the next turn of the loop, right after the
     * processor applied a batch, instead of building one transaction of them all in memory.
     */
    static final int MAX_DUE_PER_TRANSACTION = 1_000;

    private final KafkaClients clients;
    private final Admin admin;
    private final AggregateStore<S> store;
    private final AggregateLogic<S, C, R> logic;
    private final MessageCodec codec;
    private final MessageRecords records;
    private final ReadBarrier barrier;
    private final Clock clock;
    private final Duration catchUpTimeout;
    private final Duration tick;
    private final long idleCommitDelay;
    /** See {@link #gathered}. */
    private final long commitGap;
    /** Partitions assigned or revoked by the rebalance callbacks of the last poll (the processor's own thread). */
    private final Set<TopicPartition> moved = new HashSet<>();
    /** When this processor last committed a transaction (System.nanoTime). */
    private long lastCommit = System.nanoTime();
    private final List<String> commandTopics;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private long nextTick = System.nanoTime();
    private final DueTimers timers = new DueTimers();
    /**
     * The group's committed offset per owned partition, as far as this instance committed it. Its keys are the
     * partitions this instance owns: taken over (the rebalance listener caught up), not yet given up. Not the
     * consumer's assignment: with the consumer protocol that already holds new partitions before their listener
     * has run, and asking the position of one (to commit it, say) would wait for the previous owner's open
     * transaction to time out, before the listener could fence it.
     */
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    /** Told of every message (event) this instance published, once its transaction committed. */
    private volatile Consumer<Object> published = message -> { };
    /** Commands waiting on the owned partitions as of the last poll; -1 when not known (nothing owned yet, say). */
    private final Lag lag = new Lag();

    CommandProcessor(KafkaClients clients, Admin admin, AggregateStore<S> store, AggregateLogic<S, C, R> logic,
                     MessageCodec codec, ReadBarrier barrier, Clock clock, Duration catchUpTimeout, Duration tick,
                     Duration idleCommitDelay, Duration commitGap) {
        if (!tick.isZero()) {
            store.onChange(this::schedule);
            store.onRemoval(id -> timers.schedule(id, null));
        }
        this.clients = clients;
        this.admin = admin;
        this.store = store;
        this.logic = logic;
        this.codec = codec;
        this.records = new MessageRecords(codec, clients.topics());
        this.barrier = barrier;
        this.clock = clock;
        this.catchUpTimeout = catchUpTimeout;
        this.tick = tick;
        this.idleCommitDelay = idleCommitDelay.toNanos();
        this.commitGap = commitGap.toNanos();
        this.commandTopics = logic.commandTopics().stream().map(clients.topics()::name).toList();
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaProducer<String, byte[]> producer = clients.transactionalProducer()) {
                KafkaConsumer<String, byte[]> commands = clients.commandConsumer();
                consumer = commands;
                committed.clear(); // a new consumer owns nothing until its listener says so
                try {
                    producer.initTransactions();
                    int partitions = partitionCount(commands);
                    commands.subscribe(commandTopics, new CatchUpOnAssignment(commands));
                    while (running) {
                        ConsumerRecords<String, byte[]> batch = gathered(commands,
                                commands.poll(Duration.ofMillis(100)));
                        lag.measure(commands, owned());
                        if (!batch.isEmpty()) {
                            process(batch, commands, producer, partitions);
                        } else {
                            commitSkippedMarkers(commands, producer);
                        }
                        tickIfDue(commands, producer, partitions);
                    }
                } finally {
                    // Stopping: leave the group, so the others take the partitions at once. Restarting after an error:
                    // a static member keeps them for the session timeout, to take them back with the next consumer.
                    KafkaClients.close(commands, !running);
                }
            } catch (WakeupException e) {
                if (running) {
                    log.warn("Command processor woken up unexpectedly; starting over");
                }
            } catch (RuntimeException e) {
                // Fenced, the group moved on, or a bug: start over with fresh clients; uncommitted work is re-read.
                log.warn("Command processor restarting after: {}", e.toString());
                StaticMembers.releaseIfHeld(clients, admin, e);
                pause(RESTART_BACKOFF);
            }
        }
    }

    /**
     * {@code first}, and what more comes until {@code commitGap} after the last commit: a transaction begun right
     * after the previous one committed is refused (CONCURRENT_TRANSACTIONS) until the coordinator has written that
     * one's markers, so the client would wait anyway; waiting here instead makes fewer, fuller transactions. Measured
     * on this machine (docs/benchmarks.md): at 200 tasks/s, 4 ms took the refusals down by about 60 % and the
     * create-to-assigned median from about 200 to 150 ms.
     */
    private ConsumerRecords<String, byte[]> gathered(KafkaConsumer<String, byte[]> commands,
                                                     ConsumerRecords<String, byte[]> first) {
        long left = commitGap - (System.nanoTime() - lastCommit);
        if (first.isEmpty() || left <= 0) {
            return first;
        }
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> all = new HashMap<>();
        add(all, first);
        while (left > 0) {
            moved.clear();
            ConsumerRecords<String, byte[]> more = commands.poll(Duration.ofNanos(left));
            // A partition revoked during the poll is another's now, and one assigned is read again from its committed
            // offset: what was gathered of either before is not applied here. Partitions kept go on where they were.
            all.keySet().removeAll(moved);
            add(all, more);
            left = commitGap - (System.nanoTime() - lastCommit);
        }
        return new ConsumerRecords<>(all, Map.of());
    }

    private static void add(Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> all,
                            ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            all.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(records.records(partition));
        }
    }

    /**
     * The command topics' partition count. Records are placed by the default partitioner, so an aggregate's
     * commands are all on partition {@code partitionOf(id)} of every topic, which one instance owns (the range
     * assignor keeps partition n of each topic together): the topics must have the same count.
     */
    private int partitionCount(KafkaConsumer<String, byte[]> commands) {
        Set<Integer> counts = new HashSet<>();
        for (String topic : commandTopics) {
            counts.add(commands.partitionsFor(topic).size());
        }
        if (counts.size() != 1 || counts.contains(0)) {
            throw new IllegalStateException("Command topics " + commandTopics + " must have one, equal, partition count;"
                    + " they have " + counts);
        }
        return counts.iterator().next();
    }

    void onPublished(Consumer<Object> listener) {
        this.published = listener;
    }

    /** This instance's committed offset of a partition it owns; null for one it does not (any thread). */
    Long committedOffset(TopicPartition partition) {
        return committed.get(partition);
    }

    long lag() {
        return lag.get();
    }

    /** The partitions this instance owns (see {@link #committed}). */
    private Set<TopicPartition> owned() {
        return Set.copyOf(committed.keySet());
    }

    private void process(ConsumerRecords<String, byte[]> batch, KafkaConsumer<String, byte[]> commands,
                         KafkaProducer<String, byte[]> producer, int partitions) {
        // Every owned partition's position, not only the batch's: one that skipped only transaction markers moves
        // too, so "the group has read everything" stays committed = end even under load.
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : owned()) {
            offsets.put(partition, clients.offset(commands.position(partition)));
        }
        nextOffsets(batch).forEach((partition, next) -> offsets.merge(partition, clients.offset(next),
                (position, last) -> position.offset() >= last.offset() ? position : last));
        Batch encodedOnce = applyAll(batch, partitions, false);
        Batch applied = encodedOnce != null ? encodedOnce : applyAll(batch, partitions, true);
        if (Transaction.commit(producer, applied.records(), offsets, commands.groupMetadata())
                == Transaction.Outcome.RETRY) {
            // Nothing of the batch happened: read it again from the committed offsets (with the new epoch, or once
            // the coordinator has the group again).
            rewind(commands);
            return;
        }
        lastCommit = System.nanoTime();
        // Committed: this instance now knows these versions before its reader sees them.
        applied.states.forEach((id, state) -> {
            if (state == null) {
                store.remove(id, applied.removed.get(id));
            } else {
                store.offer(state);
            }
        });
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        for (Object message : applied.messages) {
            try {
                published.accept(message);
            } catch (RuntimeException e) {
                log.warn("A listener of published messages failed", e);
            }
        }
    }

    /**
     * Applies a batch of commands. An aggregate changed by several of them is written once, at its last state, so
     * that state is encoded once, after the batch, not after each command (the registry's agents take tens of holds
     * and releases in one batch, and encoding their states was a fifth of its CPU). Null when one of those states
     * cannot be written (a record too large): then the batch is applied again, {@code strict}, each state encoded
     * after its command, so only the command that made it too large fails, as it would alone.
     */
    private Batch applyAll(ConsumerRecords<String, byte[]> records, int partitions, boolean strict) {
        Batch batch = new Batch(strict);
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record, batch, partitions);
        }
        try {
            batch.encodeStates();
        } catch (RuntimeException e) {
            log.warn("A state of this batch cannot be written ({}); applying its commands one at a time",
                    e.getMessage());
            return null;
        }
        return batch;
    }

    /**
     * What a batch of commands changed. An aggregate changed by several commands of the batch is written to the state
     * topic once, at its last version: readers keep only the newest version anyway, and every change still has its
     * events. Events, commands for other aggregates, results and dead letters keep the order they were made in.
     */
    private final class Batch {
        /** The last state of each aggregate the batch changed; null for one it removed. */
        final Map<String, S> states = new LinkedHashMap<>();
        /** The last version of each aggregate the batch removed. */
        final Map<String, Long> removed = new HashMap<>();
        final Map<String, ProducerRecord<String, byte[]>> stateRecords = new LinkedHashMap<>();
        /** Aggregates whose last state is still to be encoded, with the time of their last change. */
        final Map<String, Instant> unencoded = new HashMap<>();
        final List<ProducerRecord<String, byte[]>> others = new ArrayList<>();
        final List<Object> messages = new ArrayList<>();
        final boolean strict;

        Batch(boolean strict) {
            this.strict = strict;
        }

        /** An aggregate's new state record (or tombstone) and the messages published with the change. */
        void keep(String id, ProducerRecord<String, byte[]> state, List<ProducerRecord<String, byte[]>> published,
                  List<Object> payloads) {
            stateRecords.put(id, state);
            unencoded.remove(id);
            others.addAll(published);
            messages.addAll(payloads);
        }

        /** An aggregate's new state, encoded with the batch's others ({@link #encodeStates}). */
        void keepUnencoded(String id, Instant time, List<ProducerRecord<String, byte[]>> published,
                           List<Object> payloads) {
            stateRecords.putIfAbsent(id, null);
            unencoded.put(id, time);
            others.addAll(published);
            messages.addAll(payloads);
        }

        void encodeStates() {
            unencoded.forEach((id, time) -> stateRecords.put(id, stateRecord(id, states.get(id), time)));
            unencoded.clear();
        }

        List<ProducerRecord<String, byte[]>> records() {
            List<ProducerRecord<String, byte[]>> all = new ArrayList<>(stateRecords.size() + others.size());
            all.addAll(stateRecords.values());
            all.addAll(others);
            return all;
        }
    }

    /**
     * When idle, moves the group's committed offsets past what the last poll skipped (the markers that end other
     * producers' transactions), in a transaction of offsets only. Then "the group has read everything written so far"
     * is simply committed offset = end offset, which a new assignment decider waits for when it takes over.
     */
    private void commitSkippedMarkers(KafkaConsumer<String, byte[]> commands, KafkaProducer<String, byte[]> producer) {
        if (System.nanoTime() - lastCommit < idleCommitDelay) {
            return; // not idle for long yet: under load, the next batch's transaction carries these offsets anyway
        }
        Map<TopicPartition, OffsetAndMetadata> behind = new HashMap<>();
        for (TopicPartition partition : owned()) {
            long position = commands.position(partition);
            if (position > committed.getOrDefault(partition, -1L)) {
                behind.put(partition, clients.offset(position));
            }
        }
        if (behind.isEmpty()) {
            return;
        }
        if (Transaction.commit(producer, List.of(), behind, commands.groupMetadata()) == Transaction.Outcome.RETRY) {
            return; // tried again when next idle
        }
        lastCommit = System.nanoTime();
        behind.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    private void handle(ConsumerRecord<String, byte[]> record, Batch batch, int partitions) {
        C command;
        try {
            Object message = codec.decode(record.headers(), record.value());
            if (!logic.commandClass().isInstance(message)) {
                throw new IllegalArgumentException("Not a command of this topic: " + MessageType.of(message).ceType());
            }
            command = logic.commandClass().cast(message);
            String id = logic.aggregateId(command);
            if (!id.equals(record.key())) {
                // The key decides which instance owns the aggregate; a command under another key would bypass it.
                throw new IllegalArgumentException("Record key '" + record.key() + "' is not the id '" + id + "'");
            }
            if (record.partition() != partitionOf(id, partitions)) {
                // Another partitioner put it elsewhere: applying it here could race the aggregate's real owner.
                throw new IllegalArgumentException("Record for '" + id + "' is on partition " + record.partition()
                        + ", not " + partitionOf(id, partitions) + " (use Kafka's default partitioner: murmur2 of the key)");
            }
        } catch (RuntimeException e) {
            batch.others.add(DeadLetters.of(clients.topics(), record, e));
            return;
        }
        // Every log line written while the command is applied carries its id (the logging pattern shows it).
        MDC.put(MDC_COMMAND_ID, logic.commandId(command));
        Header requestId = record.headers().lastHeader(CommandSender.REQUEST_ID_HEADER);
        if (requestId != null) {
            MDC.put(CommandSender.MDC_REQUEST_ID, new String(requestId.value(), StandardCharsets.UTF_8));
        }
        try {
            R result = apply(command, batch);
            if (logic.resultType() != null && MessageRecords.wantsReply(record.headers())) {
                batch.others.add(records.of(logic.resultType(), logic.commandId(command), result, clock.instant()));
            }
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Command {} could not be applied", logic.commandId(command), e);
            batch.others.add(DeadLetters.of(clients.topics(), record, e));
        } finally {
            MDC.remove(MDC_COMMAND_ID);
            MDC.remove(CommandSender.MDC_REQUEST_ID);
        }
    }

    /**
     * Decides one command and adds its change to the batch; answers its result. Every record is built before any is
     * kept, so a change that cannot be written (a record too large, say) fails before any part of it is. Commands for
     * other aggregates are marked as needing no result: nobody waits for one.
     */
    private R apply(C command, Batch batch) {
        String id = logic.aggregateId(command);
        Instant now = clock.instant();
        S current = batch.states.containsKey(id) ? batch.states.get(id) : store.get(id).orElse(null);
        Decision<S> decision = logic.decide(current, command, now);
        if (decision instanceof Decision.Applied<S> applied) {
            List<ProducerRecord<String, byte[]>> published = messages(applied.messages(), now);
            if (batch.strict) {
                batch.keep(id, stateRecord(id, applied.state(), now), published, applied.messages());
            } else {
                batch.keepUnencoded(id, now, published, applied.messages());
            }
            batch.states.put(id, applied.state());
            batch.removed.remove(id);
        } else if (decision instanceof Decision.Removed<S> removed) {
            batch.keep(id, records.tombstone(logic.stateType(), id, now), messages(removed.messages(), now),
                    removed.messages());
            batch.states.put(id, null);
            batch.removed.put(id, logic.version(removed.last()));
        }
        return logic.result(command, decision, current);
    }

    private ProducerRecord<String, byte[]> stateRecord(String id, S state, Instant now) {
        return records.state(logic.stateType(), id, state, logic.version(state), now);
    }

    private List<ProducerRecord<String, byte[]>> messages(List<Object> messages, Instant now) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(messages.size());
        for (Object message : messages) {
            records.add(this.records.published(MessageType.of(message), logic.key(message), message, now));
        }
        return records;
    }

    /**
     * Commands owned aggregates issue to themselves as time passes go to the command topic, not straight into the
     * state: there they are applied after any command already queued for the aggregate (a heartbeat that came in
     * time, say), and the transaction carries the group's generation, so an instance that lost the partition
     * meanwhile cannot write them. A command already issued is not issued again until the aggregate changes.
     */
    private void tickIfDue(KafkaConsumer<String, byte[]> commands, KafkaProducer<String, byte[]> producer,
                           int partitions) {
        // How often to look is a matter of real time; what is due, of the (injectable) clock.
        long nanos = System.nanoTime();
        if (tick.isZero() || nanos < nextTick) {
            return;
        }
        nextTick = nanos + tick.toNanos();
        Instant now = clock.instant();
        Set<Integer> owned = owned().stream().map(TopicPartition::partition)
                .collect(Collectors.toSet());
        List<ProducerRecord<String, byte[]>> due = new ArrayList<>();
        List<String> dueIds = timers.pollDue(now.toEpochMilli(), key -> owned.contains(partitionOf(key, partitions)),
                MAX_DUE_PER_TRANSACTION);
        if (dueIds.size() == MAX_DUE_PER_TRANSACTION) {
            nextTick = nanos; // more may be due: look again at the next turn instead of a tick later
        }
        for (String id : dueIds) {
            S state = store.get(id).orElse(null);
            if (state == null) {
                continue;
            }
            List<C> commandsDue = logic.due(state, now);
            if (commandsDue.isEmpty()) {
                // Nothing after all (the clock has not quite reached it): keep the timer.
                Instant next = logic.nextDue(state);
                if (next != null && next.isAfter(now)) {
                    schedule(state);
                }
            }
            for (C command : commandsDue) {
                due.add(MessageRecords.withoutReply(records.to(commandTopics.get(0), id, command, now)));
            }
        }
        if (due.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        owned().forEach(partition ->
                positions.put(partition, clients.offset(commands.position(partition))));
        Transaction.Outcome outcome;
        try {
            outcome = Transaction.commit(producer, due, positions, commands.groupMetadata());
        } catch (RuntimeException e) {
            store.all().forEach(this::schedule); // their timers were taken: set them again, so none is lost
            throw e;
        }
        if (outcome == Transaction.Outcome.RETRY) {
            store.all().forEach(this::schedule);
            nextTick = System.nanoTime(); // issued again at the next look
        }
    }

    /** Sets the aggregate's timer from its state (called for every state that changes). */
    void schedule(S state) {
        Instant next = logic.nextDue(state);
        // Rounded up: a timer must not come up before its time (the clock has sub-millisecond digits).
        timers.schedule(logic.id(state), next == null ? null
                : next.toEpochMilli() + (next.getNano() % 1_000_000 == 0 ? 0 : 1));
    }

    /** The partition Kafka's default partitioner gives a record with this key. */
    static int partitionOf(String key, int partitions) {
        if (partitions <= 0) {
            throw new IllegalStateException("A topic without partitions");
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Map<TopicPartition, Long> nextOffsets(ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            offsets.put(partition, records.get(records.size() - 1).offset() + 1);
        }
        return offsets;
    }

    /** Back to the last committed offset of every owned partition: what the aborted transaction read is read again. */
    private void rewind(KafkaConsumer<String, byte[]> commands) {
        for (TopicPartition partition : owned()) {
            Long offset = committed.get(partition);
            if (offset != null) {
                commands.seek(partition, offset);
            }
        }
    }

    private void pause(Duration backoff) {
        try {
            // Give the broker or the group a moment instead of spinning on a failure that repeats.
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> commands = consumer;
        if (commands != null) {
            commands.wakeup();
        }
    }

    /**
     * Before applying commands of newly owned partitions: fence a previous owner that is gone, so the transaction
     * it left open is aborted now rather than at its timeout ({@link PreviousOwners}); make sure the previous owner's
     * last transaction is settled (reading the committed position waits for pending offset commits); and that the
     * store has read every committed state: otherwise a command could be applied to an old version of its aggregate.
     */
    private final class CatchUpOnAssignment implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> commands;

        CatchUpOnAssignment(KafkaConsumer<String, byte[]> commands) {
            this.commands = commands;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            moved.addAll(partitions);
            if (partitions.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            try {
                PreviousOwners.fence(clients, admin, partitions);
                partitions.forEach(partition -> committed.put(partition, commands.position(partition)));
                timers.unpark();
                if (!barrier.await(catchUpTimeout)) {
                    throw new IllegalStateException("State not caught up within " + catchUpTimeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while catching up", e);
            }
            log.info("Instance {} owns {} (caught up in {} ms)", clients.instanceId(),
                    partitions.stream().map(TopicPartition::toString).sorted().toList(),
                    (System.nanoTime() - started) / 1_000_000);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            moved.addAll(partitions);
            // Every batch is committed before it is polled past, and one being gathered drops what it holds of these
            // ({@link #gathered}), so there is nothing in flight to hand over.
            partitions.forEach(committed::remove);
        }
    }
}
