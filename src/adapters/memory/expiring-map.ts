import type { Clock } from '../store-shared/clock.ts';

interface Entry<V> {
  readonly value: V;
  /** Epoch milliseconds (a number, not a Date: one object less per entry); null: kept until deleted. */
  readonly expiresAt: number | null;
}

const isLive = (entry: Entry<unknown>, now: Date): boolean => entry.expiresAt === null || entry.expiresAt > now.getTime();

/**
 * A Map whose entries vanish at their expiry, the way a TTL index removes documents. Expired entries are never
 * returned, and a sweep whenever the map has doubled since the last one keeps memory bounded at amortized O(1).
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #clock: Clock;
  #sizeAfterSweep = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  set(key: string, value: V, expiresAt: Date | null): void {
    this.#entries.set(key, { value, expiresAt: expiresAt === null ? null : expiresAt.getTime() });
    if (this.#entries.size > 2 * this.#sizeAfterSweep + 64) this.#sweep();
  }

  /** The live value; an entry expired at `now` is removed instead. */
  get(key: string, now: Date = this.#clock()): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (isLive(entry, now)) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** A new value for a live entry, which keeps its expiry. */
  replace(key: string, value: V): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined && isLive(entry, this.#clock())) this.#entries.set(key, { value, expiresAt: entry.expiresAt });
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** Live entries only. */
  *entries(): IterableIterator<[string, V]> {
    const now = this.#clock();
    for (const [key, entry] of this.#entries) if (isLive(entry, now)) yield [key, entry.value];
  }

  #sweep(): void {
    const now = this.#clock();
    for (const [key, entry] of this.#entries) if (!isLive(entry, now)) this.#entries.delete(key);
    this.#sizeAfterSweep = this.#entries.size;
  }
}
