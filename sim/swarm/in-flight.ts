/**
 * Lists in flight (tracker replies, PEX messages): events carry numbers
 * only, so a list travels as a key into this table and is taken out on
 * delivery.
 */
export class InFlightLists {
  private readonly lists = new Map<number, number[]>();
  private next = 0;

  put(list: number[]): number {
    const key = this.next++;
    this.lists.set(key, list);
    return key;
  }

  take(key: number): number[] {
    const list = this.lists.get(key) ?? [];
    this.lists.delete(key);
    return list;
  }
}
