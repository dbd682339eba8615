// A Map that holds at most `max` entries: setting one more drops the one set longest ago. The read
// side keeps what it reads again and again (event data, facts, open links, tree heads) in these.
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    // Set again, it counts as set last.
    this.delete(key);
    if (this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
