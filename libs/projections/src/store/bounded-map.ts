// A map that holds at most `max` entries, the least recently used going first: the read side keeps
// what it reads again and again (event data, references, facts, open links, tree heads) in these.
// On lru-cache, which keeps its order in a list of its own: a Map that drops its first key at each
// set leaves a hole its next drop walks over (until the Map is rebuilt), which made keeping an
// entry cost more than reading it again once a cache of thousands was full.
import { LRUCache } from 'lru-cache';

/** lru-cache keeps neither undefined nor null: a key kept with one of them is kept as these. */
const UNDEFINED = Symbol('undefined');
const NULL = Symbol('null');

export class BoundedMap<K extends {}, V> {
  private readonly cache: LRUCache<K, {}>;

  constructor(max: number) {
    this.cache = new LRUCache({ max });
  }

  get size(): number {
    return this.cache.size;
  }

  has(key: K): boolean {
    return this.cache.has(key);
  }

  get(key: K): V | undefined {
    const kept = this.cache.get(key);
    return kept === UNDEFINED ? undefined : kept === NULL ? (null as V) : (kept as V | undefined);
  }

  set(key: K, value: V): this {
    this.cache.set(key, value === undefined ? UNDEFINED : value === null ? NULL : value);
    return this;
  }

  delete(key: K): boolean {
    return this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }
}
