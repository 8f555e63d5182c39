package io.switchboard.assignment.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents the decider places tasks on. Laid out for the selector's inner loop: each agent has a slot, its hot
 * fields sit in arrays, its capabilities are a bit set over numbered capabilities, and every capability lists the
 * slots of its agents, so finding the agents with every required capability costs the length of the rarest
 * capability's list and a few bit tests each, not a walk over all agents. Loads change as tasks are placed.
 * Confined to the decider's thread.
 */
public final class AgentPool {

    private final Map<String, Integer> slotOf = new HashMap<>();
    private final Map<String, Integer> capabilityIds = new HashMap<>();
    private final List<int[]> slotsByCapability = new ArrayList<>();
    private final List<Integer> slotCounts = new ArrayList<>();
    private Candidate[] candidates = new Candidate[16];
    private boolean[] live = new boolean[16];
    private boolean[] ready = new boolean[16];
    private int[] load = new int[16];
    /** Free slots of an agent that takes work, else 0: the one array the selector's scan reads for every agent. */
    private int[] free = new int[16];
    private int[] max = new int[16];
    private double[] reliability = new double[16];
    /** Capability bits of every slot, {@code words} longs a slot, in one array: a slot's bits are next to each other. */
    private long[] bits = new long[16];
    private int words = 1;
    private int slots;
    private int liveCount;
    /** Free slots of all agents that take work: none means no task can be placed. */
    private long totalFree;

    public void put(Candidate agent) {
        remove(agent.id());
        if (slots == candidates.length) {
            grow();
        }
        int slot = slots++;
        slotOf.put(agent.id(), slot);
        candidates[slot] = agent;
        live[slot] = true;
        ready[slot] = agent.acceptsWork() && !agent.deregistering();
        load[slot] = agent.load();
        max[slot] = agent.maxConcurrentTasks();
        free[slot] = ready[slot] ? Math.max(0, max[slot] - load[slot]) : 0;
        totalFree += free[slot];
        reliability[slot] = agent.reliability();
        for (String capability : agent.capabilities()) {
            int id = capabilityId(capability);
            bits[slot * words + id / 64] |= 1L << (id % 64);
            addSlot(id, slot);
        }
        liveCount++;
    }

    public void remove(String agentId) {
        Integer slot = slotOf.remove(agentId);
        if (slot != null) {
            // The slot stays in the capability lists; scans skip it. Pools are rebuilt every round.
            live[slot] = false;
            totalFree -= free[slot];
            free[slot] = 0;
            candidates[slot] = null;
            liveCount--;
        }
    }

    public Optional<Candidate> get(String agentId) {
        Integer slot = slotOf.get(agentId);
        return slot == null ? Optional.empty() : Optional.of(candidate(slot));
    }

    public Collection<Candidate> all() {
        List<Candidate> all = new ArrayList<>(liveCount);
        for (int slot = 0; slot < slots; slot++) {
            if (live[slot]) {
                all.add(candidate(slot));
            }
        }
        return all;
    }

    public int size() {
        return liveCount;
    }

    /** One more (or, with a negative delta, fewer) open task on the agent. */
    public void addLoad(String agentId, int delta) {
        Integer slot = slotOf.get(agentId);
        if (slot != null) {
            load[slot] = Math.max(0, load[slot] + delta);
            totalFree -= free[slot];
            free[slot] = ready[slot] ? Math.max(0, max[slot] - load[slot]) : 0;
            totalFree += free[slot];
        }
    }

    /** Whether any agent that takes work has a free slot. */
    public boolean hasRoom() {
        return totalFree > 0;
    }

    /** Agents that have every one of {@code required} (lower case); all agents when none is required. */
    public List<Candidate> withCapabilities(Set<String> required) {
        List<Candidate> matching = new ArrayList<>();
        int[] ids = capabilityIds(required);
        if (ids == null) {
            return matching;
        }
        forEachWith(ids, slot -> matching.add(candidate(slot)));
        return matching;
    }

    // --- the selector's view, by slot ---

    interface SlotVisitor {
        void visit(int slot);
    }

    /** The numbers of these capabilities; null when one of them no agent has. */
    int[] capabilityIds(Set<String> capabilities) {
        int[] ids = new int[capabilities.size()];
        int i = 0;
        for (String capability : capabilities) {
            Integer id = capabilityIds.get(capability);
            if (id == null) {
                return null;
            }
            ids[i++] = id;
        }
        return ids;
    }

    /** The numbers of those of these capabilities that some agent has. */
    int[] knownCapabilityIds(Set<String> capabilities) {
        int[] ids = new int[capabilities.size()];
        int known = 0;
        for (String capability : capabilities) {
            Integer id = capabilityIds.get(capability);
            if (id != null) {
                ids[known++] = id;
            }
        }
        return known == ids.length ? ids : Arrays.copyOf(ids, known);
    }

    /** Visits the live slots of agents with every capability in {@code ids}. */
    void forEachWith(int[] ids, SlotVisitor visitor) {
        if (ids.length == 0) {
            for (int slot = 0; slot < slots; slot++) {
                if (live[slot]) {
                    visitor.visit(slot);
                }
            }
            return;
        }
        int rarest = rarest(ids);
        int[] list = slotsByCapability.get(rarest);
        int count = slotCounts.get(rarest);
        boolean more = ids.length > 1;
        for (int i = 0; i < count; i++) {
            int slot = list[i];
            if (live[slot] && (!more || hasAll(slot, ids))) {
                visitor.visit(slot);
            }
        }
    }

    /** The capability among {@code ids} that the fewest agents have: its list is the one to walk. */
    private int rarest(int[] ids) {
        int rarest = ids[0];
        for (int id : ids) {
            if (slotCounts.get(id) < slotCounts.get(rarest)) {
                rarest = id;
            }
        }
        return rarest;
    }

    /**
     * Visits the slots of agents that take work, have room and every capability in {@code ids}: the selector's scan,
     * which looks at one array for most agents.
     */
    void forEachEligible(int[] ids, SlotVisitor visitor) {
        if (ids.length == 0) {
            for (int slot = 0; slot < slots; slot++) {
                if (free[slot] > 0) {
                    visitor.visit(slot);
                }
            }
            return;
        }
        int rarest = rarest(ids);
        int[] list = slotsByCapability.get(rarest);
        int count = slotCounts.get(rarest);
        boolean more = ids.length > 1;
        for (int i = 0; i < count; i++) {
            int slot = list[i];
            if (free[slot] > 0 && (!more || hasAll(slot, ids))) {
                visitor.visit(slot);
            }
        }
    }

    boolean hasAll(int slot, int[] ids) {
        int base = slot * words;
        for (int id : ids) {
            if ((bits[base + id / 64] & (1L << (id % 64))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** How many of {@code ids} the agent has. */
    int matching(int slot, int[] ids) {
        int base = slot * words;
        int matched = 0;
        for (int id : ids) {
            if ((bits[base + id / 64] & (1L << (id % 64))) != 0) {
                matched++;
            }
        }
        return matched;
    }

    int load(int slot) {
        return load[slot];
    }

    int max(int slot) {
        return max[slot];
    }

    double reliability(int slot) {
        return reliability[slot];
    }

    String id(int slot) {
        return candidates[slot].id();
    }

    Candidate candidate(int slot) {
        Candidate agent = candidates[slot];
        return agent.load() == load[slot] ? agent : agent.withLoad(load[slot]);
    }

    private int capabilityId(String capability) {
        Integer id = capabilityIds.get(capability);
        if (id == null) {
            id = capabilityIds.size();
            if (id / 64 >= words) {
                widen(words * 2);
            }
            capabilityIds.put(capability, id);
            slotsByCapability.add(new int[4]);
            slotCounts.add(0);
        }
        return id;
    }

    private void addSlot(int capability, int slot) {
        int count = slotCounts.get(capability);
        int[] list = slotsByCapability.get(capability);
        if (count == list.length) {
            list = Arrays.copyOf(list, count * 2);
            slotsByCapability.set(capability, list);
        }
        list[count] = slot;
        slotCounts.set(capability, count + 1);
    }

    /** More words per slot for more capabilities: every slot's bits move to the new stride. */
    private void widen(int newWords) {
        long[] wider = new long[candidates.length * newWords];
        for (int slot = 0; slot < slots; slot++) {
            System.arraycopy(bits, slot * words, wider, slot * newWords, words);
        }
        bits = wider;
        words = newWords;
    }

    private void grow() {
        int size = candidates.length * 2;
        candidates = Arrays.copyOf(candidates, size);
        live = Arrays.copyOf(live, size);
        ready = Arrays.copyOf(ready, size);
        load = Arrays.copyOf(load, size);
        free = Arrays.copyOf(free, size);
        max = Arrays.copyOf(max, size);
        reliability = Arrays.copyOf(reliability, size);
        bits = Arrays.copyOf(bits, size * words);
    }
}
