package io.switchboard.aggregate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store as a cache of a compacted topic, tombstones included, whatever order its copies arrive in. */
class AggregateStoreTest {

    private record Thing(String id, long version) {
    }

    private final AggregateStore<Thing> store = new AggregateStore<>(Thing::id, Thing::version);

    @Test
    void theOwnersRemovalHoldsAgainstOlderCopiesUntilTheReaderReachesTheTombstone() {
        List<String> removed = new ArrayList<>();
        store.onRemoval(removed::add);
        store.offer(new Thing("a", 3));
        long changes = store.changes();

        store.remove("a", 3);
        assertThat(store.get("a")).isEmpty();
        assertThat(removed).containsExactly("a");
        assertThat(store.changes()).isGreaterThan(changes);

        // The reader, behind, still brings the versions before the tombstone: they do not bring the thing back.
        store.offer(new Thing("a", 2));
        store.offer(new Thing("a", 3));
        assertThat(store.get("a")).isEmpty();

        // At the tombstone, whatever comes after is a new life of the id.
        store.forget("a");
        store.offer(new Thing("a", 1));
        assertThat(store.get("a")).contains(new Thing("a", 1));
    }

    @Test
    void aRemovalDoesNotTakeANewerVersionAndATombstoneAloneForgets() {
        store.offer(new Thing("b", 5));
        store.remove("b", 4);
        assertThat(store.get("b")).contains(new Thing("b", 5));

        List<String> removed = new ArrayList<>();
        store.onRemoval(removed::add);
        store.offer(new Thing("c", 1));
        store.forget("c");
        store.forget("c");
        assertThat(store.get("c")).isEmpty();
        assertThat(removed).as("told once").containsExactly("c");
    }

    @Test
    void aVersionIsHeldWhenItOrANewerOneIsHere() {
        assertThat(store.has("d", 1)).isFalse();
        store.offer(new Thing("d", 2));
        assertThat(store.has("d", 1)).isTrue();
        assertThat(store.has("d", 2)).isTrue();
        assertThat(store.has("d", 3)).as("a newer record is still to be read").isFalse();
        store.forget("d");
        assertThat(store.has("d", 1)).isFalse();
    }
}
