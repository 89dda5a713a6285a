// The one kind of process-wide cache the core may keep: a least-recently-used map with a fixed bound,
// for values that are pure functions of their key (so a cache hit and a recomputation give the same
// result, whichever call filled it). Every instance is named and listed in docs/ARCHITECTURE.md
// (section "Caches"); test/unit/core-purity.test.js fails on any other module-level mutable state.

/** A Map that keeps at most `capacity` entries, dropping the least recently used one first. */
export class LruCache<K, V> {
  readonly name: string;
  readonly capacity: number;
  private readonly entries = new Map<K, V>();

  constructor(name: string, capacity: number) {
    this.name = name;
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // most recently used last: Map iterates in insertion order
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  /** The cached value for `key`, computed by `make` on a miss. */
  getOrSet(key: K, make: (key: K) => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = make(key);
    this.set(key, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
