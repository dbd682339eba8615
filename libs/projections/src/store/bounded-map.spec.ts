import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('holds at most its maximum, dropping the entry used least recently', () => {
    const map = new BoundedMap<number, string>(3);
    map.set(1, 'one').set(2, 'two').set(3, 'three');
    expect(map.get(1)).toBe('one'); // used: 2 is now the least recently used
    map.set(4, 'four');
    expect(map.size).toBe(3);
    expect(map.has(2)).toBe(false);
    expect([1, 3, 4].map((key) => map.get(key))).toEqual(['one', 'three', 'four']);
  });

  it('keeps a key known to have no value apart from a key it does not know', () => {
    const map = new BoundedMap<string, string | null | undefined>(10);
    map.set('absent', undefined).set('empty', null);
    expect([map.has('absent'), map.get('absent')]).toEqual([true, undefined]);
    expect([map.has('empty'), map.get('empty')]).toEqual([true, null]);
    expect([map.has('never'), map.get('never')]).toEqual([false, undefined]);
  });

  it('keeps a full cache in step at every set (thousands of entries dropped and added)', () => {
    const map = new BoundedMap<number, number>(4_096);
    for (let i = 0; i < 50_000; i += 1) map.set(i, i * 2);
    expect(map.size).toBe(4_096);
    expect(map.get(49_999)).toBe(99_998);
    expect(map.has(50_000 - 4_097)).toBe(false);
    map.delete(49_999);
    map.clear();
    expect(map.size).toBe(0);
  });
});
