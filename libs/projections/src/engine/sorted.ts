// Sorting the few items an event touches (its subjects, a draw's funders, its movements).
// Array.prototype.sort sets up a work area of its own at every call, and sorts of two or three
// items were a good part of what a rebuild allocated. An insertion sort of a short list allocates
// nothing and is stable, as Array.prototype.sort is; texts go by UTF-16 code units, as `<` on
// strings and texts.sort() order them.

const INSERTION_SORT_MAX = 16;

/** Sorts `texts` in place, as texts.sort() would. */
export function sortTexts<T extends string>(texts: T[]): T[] {
  if (texts.length > INSERTION_SORT_MAX) return texts.sort();
  for (let i = 1; i < texts.length; i += 1) {
    const text = texts[i];
    let j = i - 1;
    while (j >= 0 && texts[j] > text) {
      texts[j + 1] = texts[j];
      j -= 1;
    }
    texts[j + 1] = text;
  }
  return texts;
}

/** Sorts `list` in place by `compare`, as list.sort(compare) would (stable, as it is). */
export function sortBy<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > INSERTION_SORT_MAX) return list.sort(compare);
  for (let i = 1; i < list.length; i += 1) {
    const item = list[i];
    let j = i - 1;
    while (j >= 0 && compare(list[j], item) > 0) {
      list[j + 1] = list[j];
      j -= 1;
    }
    list[j + 1] = item;
  }
  return list;
}
