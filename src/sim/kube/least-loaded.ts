/**
 * A fixed list of names, each with a load, answering "the first name with the smallest load" in
 * O(1) and taking a load change in O(log n): a tournament tree whose inner nodes hold the index of
 * their subtree's winner (the lower load; on a tie, the earlier name).
 */
export class LeastLoaded {
  private readonly size: number;
  private readonly loads: number[];
  /** winner[i] for inner node i (root 1); leaves sit at size + index. */
  private readonly winner: Int32Array;
  private readonly position = new Map<string, number>();

  constructor(
    readonly names: readonly string[],
    loadOf: (name: string) => number,
  ) {
    let size = 1;
    while (size < names.length) size *= 2;
    this.size = size;
    this.loads = names.map(loadOf);
    this.winner = new Int32Array(2 * size).fill(-1);
    names.forEach((name, i) => {
      this.position.set(name, i);
      this.winner[size + i] = i;
    });
    for (let i = size - 1; i >= 1; i--) this.winner[i] = this.better(2 * i, 2 * i + 1);
  }

  /** The first name (in the order given) with the smallest load, or undefined when there are none. */
  first(): string | undefined {
    const i = this.winner[1] ?? -1;
    return i < 0 ? undefined : this.names[i];
  }

  /** Records a name's new load (names not in the list are ignored). */
  set(name: string, load: number): void {
    const i = this.position.get(name);
    if (i === undefined || this.loads[i] === load) return;
    this.loads[i] = load;
    for (let node = (this.size + i) >> 1; node >= 1; node >>= 1)
      this.winner[node] = this.better(2 * node, 2 * node + 1);
  }

  private better(left: number, right: number): number {
    const a = this.winner[left]!;
    const b = this.winner[right]!;
    if (b < 0) return a;
    if (a < 0) return b;
    return this.loads[b]! < this.loads[a]! ? b : a;
  }
}
