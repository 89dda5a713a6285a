// The one kind of process-wide cache the core may keep: a bounded map for values that are pure functions
// of their key (so a cache hit and a recomputation give the same result, whichever call filled it). Every
// instance is named and listed in docs/ARCHITECTURE.md (section "Caches"); test/unit/core-purity.test.js
// fails on any other module-level mutable state.

/**
 * A Map of at most `capacity` entries that drops the least recently used ones first, approximately: two
 * generations of capacity / 2 entries each. New and used entries go into the young generation; when it is
 * full it becomes the old one and the previous old one is dropped whole. An entry used since the last
 * turn-over always survives the next one. A hit costs one Map lookup (an exact LRU would delete and
 * re-insert on every hit, which costs more than the cached functions themselves).
 */
export class LruCache<K, V> {
  readonly name: string;
  readonly capacity: number;
  private readonly half: number;
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(name: string, capacity: number) {
    this.name = name;
    this.half = Math.max(1, Math.floor(capacity / 2));
    this.capacity = 2 * this.half;
  }

  /** Entries held (an entry promoted from the old generation counts twice until the turn-over): ≤ capacity. */
  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.keep(key, old);
    return old;
  }

  set(key: K, value: V): void {
    this.keep(key, value);
  }

  /** The cached value for `key`, computed by `make` on a miss. */
  getOrSet(key: K, make: (key: K) => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = make(key);
    this.keep(key, value);
    return value;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  private keep(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}
