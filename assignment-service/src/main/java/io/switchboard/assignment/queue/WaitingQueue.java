package io.switchboard.assignment.queue;

import io.switchboard.assignment.selection.PendingTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The automatic queue kept in order as tasks come and go, so that a round reads its first tasks without sorting the
 * whole queue: the same order as {@link AssignmentQueue#order} (priority level raised by aging, fair shares across
 * fairness keys, deadline, creation, id), produced lazily. Each level keeps, per fairness key, its tasks sorted
 * within the key; the n-th task of a key has virtual time n / weight, and a round merges the keys of a level by
 * virtual time with a heap of their heads. A task in its retry backoff, or whose level will rise with its age, waits
 * on a timer; timers fall due when the round's time passes them ({@link #advance}). Adding, removing and moving a
 * task cost O(log n); reading the first m tasks of a round costs O(m log k) for k fairness keys, plus O(k) per level.
 * Confined to the decider's thread.
 */
public final class WaitingQueue {

    private final AssignmentQueue reference;
    private final QueuePolicy policy;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Ready tasks: level, then fairness key, then the order within the key. */
    private final TreeMap<Integer, Map<String, TreeSet<Entry>>> levels = new TreeMap<>();
    /** Entries waiting on a timer, soonest first; removed with their task, so the set is bounded by the queue. */
    private final TreeSet<Entry> timers = new TreeSet<>((a, b) -> {
        int byTime = Long.compare(a.timer, b.timer);
        return byTime != 0 ? byTime : a.task.id().compareTo(b.task.id());
    });

    public WaitingQueue(AssignmentQueue reference) {
        this.reference = reference;
        this.policy = reference.policy();
    }

    /** A task and what orders it. {@code level} is its level while ready, else {@code NOT_READY}. */
    private static final class Entry {
        static final int NOT_READY = Integer.MIN_VALUE;
        final PendingTask task;
        final String key;
        final long deadline;
        final long created;
        final Instant createdAt;
        final Instant readyAt;
        int level = NOT_READY;
        /** When its timer falls due (backoff end or next aging step); Long.MAX_VALUE when none. */
        long timer = Long.MAX_VALUE;

        Entry(PendingTask task, Instant nextAttemptAt) {
            this.task = task;
            this.key = task.fairnessKey() == null ? "" : task.fairnessKey();
            this.deadline = task.deadline() == null ? Long.MAX_VALUE : task.deadline().toEpochMilli();
            this.created = task.createdAt() == null ? Long.MIN_VALUE : task.createdAt().toEpochMilli();
            this.createdAt = task.createdAt();
            this.readyAt = nextAttemptAt;
        }

        /** Deadline, then creation, then id: {@code AssignmentQueue}'s order within one fairness key. */
        int compareWithinKey(Entry other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            if (byDeadline != 0) {
                return byDeadline;
            }
            int byCreation = Long.compare(created, other.created);
            return byCreation != 0 ? byCreation : task.id().compareTo(other.task.id());
        }
    }

    /**
     * Adds (or replaces) a task; {@code now} is the time of the decider's last round, from which its timers count.
     * A task still in its backoff ({@code nextAttemptAt} after now) waits for it.
     */
    public void add(PendingTask task, Instant nextAttemptAt, Instant now) {
        remove(task.id());
        Entry entry = new Entry(task, nextAttemptAt);
        entries.put(task.id(), entry);
        place(entry, now);
    }

    public void remove(String taskId) {
        Entry entry = entries.remove(taskId);
        if (entry != null) {
            unplace(entry);
            unschedule(entry);
        }
    }

    /** Moves the tasks whose backoff ended or whose level rose by {@code now} to where they belong now. */
    public void advance(Instant now) {
        long at = ceilMillis(now);
        List<Entry> due = new ArrayList<>();
        while (!timers.isEmpty() && timers.first().timer <= at) {
            Entry entry = timers.pollFirst();
            entry.timer = Long.MAX_VALUE;
            due.add(entry);
        }
        for (Entry entry : due) {
            // Placed by the exact times; one whose time is later within this millisecond is scheduled again.
            unplace(entry);
            place(entry, now);
        }
    }

    /** The ready tasks in the order {@link AssignmentQueue#order} gives them at the last {@link #advance}. */
    public Iterator<PendingTask> inOrder() {
        return new Merge();
    }

    private void place(Entry entry, Instant now) {
        if (entry.readyAt != null && now.isBefore(entry.readyAt)) {
            schedule(entry, ceilMillis(entry.readyAt));
            return;
        }
        entry.level = reference.level(entry.task, now);
        levels.computeIfAbsent(entry.level, level -> new HashMap<>())
                .computeIfAbsent(entry.key, key -> new TreeSet<>(Entry::compareWithinKey)).add(entry);
        Duration step = policy.agingStep();
        if (entry.level > 0 && !step.isZero() && entry.createdAt != null) {
            // Aged (priority - level) steps so far: the next step raises it.
            long steps = entry.task.priority().ordinal() - entry.level;
            schedule(entry, ceilMillis(entry.createdAt.plus(step.multipliedBy(steps + 1))));
        }
    }

    /** The first whole millisecond at or after {@code time}. */
    private static long ceilMillis(Instant time) {
        long millis = time.toEpochMilli();
        return time.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    private void unplace(Entry entry) {
        if (entry.level == Entry.NOT_READY) {
            return;
        }
        Map<String, TreeSet<Entry>> keys = levels.get(entry.level);
        TreeSet<Entry> group = keys.get(entry.key);
        group.remove(entry);
        if (group.isEmpty()) {
            keys.remove(entry.key);
            if (keys.isEmpty()) {
                levels.remove(entry.level);
            }
        }
        entry.level = Entry.NOT_READY;
    }

    private void schedule(Entry entry, long at) {
        unschedule(entry);
        entry.timer = at;
        timers.add(entry);
    }

    private void unschedule(Entry entry) {
        if (entry.timer != Long.MAX_VALUE) {
            timers.remove(entry);
            entry.timer = Long.MAX_VALUE;
        }
    }

    /** One fairness key's tasks of a level, read in order: its head and that head's rank (1 for the first). */
    private static final class Cursor {
        final Iterator<Entry> members;
        final double weight;
        Entry head;
        int rank;

        Cursor(Iterator<Entry> members, double weight) {
            this.members = members;
            this.weight = weight;
            advance();
        }

        boolean advance() {
            if (!members.hasNext()) {
                head = null;
                return false;
            }
            head = members.next();
            rank++;
            return true;
        }

        double virtualTime() {
            return rank / weight;
        }
    }

    /** Level by level, the keys of the level merged by virtual time, then within-key order. */
    private final class Merge implements Iterator<PendingTask> {
        private final Iterator<Map<String, TreeSet<Entry>>> remainingLevels = levels.values().iterator();
        private final PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> {
            int byTime = Double.compare(a.virtualTime(), b.virtualTime());
            return byTime != 0 ? byTime : a.head.compareWithinKey(b.head);
        });

        @Override
        public boolean hasNext() {
            while (heads.isEmpty() && remainingLevels.hasNext()) {
                remainingLevels.next().forEach((key, group) ->
                        heads.add(new Cursor(group.iterator(), policy.weight(key))));
            }
            return !heads.isEmpty();
        }

        @Override
        public PendingTask next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Cursor cursor = heads.poll();
            PendingTask task = cursor.head.task;
            if (cursor.advance()) {
                heads.add(cursor);
            }
            return task;
        }
    }
}
