package io.zqt.knowledge.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents a filter accepts, per index segment, kept for the next searches: most searches share their filters
 * (valid today, a district, a topic), and finding them in a million entries costs more than the rest of the search.
 * Keyed by the segment's core (a segment never changes; deletions are applied on top by the caller) and the filter
 * query; least recently used sets go first when the sets take more than the given memory. Sets of merged-away
 * segments are never asked for again and leave the same way.
 */
final class FilterSets {

  /** Computes a segment's set when it is not kept. */
  interface Compute {
    FixedBitSet compute() throws IOException;
  }

  private final long maxBytes;
  private final Map<List<Object>, FixedBitSet> sets = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  FilterSets(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  FixedBitSet get(LeafReaderContext leaf, Query filter, Compute compute) throws IOException {
    IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
    if (core == null) {
      return compute.compute();
    }
    List<Object> key = List.of(core.getKey(), filter);
    synchronized (this) {
      FixedBitSet kept = sets.get(key);
      if (kept != null) {
        return kept;
      }
    }
    FixedBitSet computed = compute.compute();
    synchronized (this) {
      FixedBitSet old = sets.put(key, computed);
      if (old != null) {
        bytes -= old.ramBytesUsed();
      }
      bytes += computed.ramBytesUsed();
      var eldest = sets.entrySet().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        bytes -= eldest.next().getValue().ramBytesUsed();
        eldest.remove();
      }
    }
    return computed;
  }

  synchronized int size() {
    return sets.size();
  }
}
