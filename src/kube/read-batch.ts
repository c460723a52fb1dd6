import type { Connection } from '../model/connection.js';

/** The reads shared within one open batch, by name. */
type Shelf = Map<string, Promise<unknown>>;

const open = new WeakMap<Connection, Shelf>();

/**
 * Runs `work` with a read batch open on `connection`: while it runs, each shared read (pods,
 * nodes, the ARM cluster, ...) is sent once and its answer handed to every step that asks. The
 * batch is for a snapshot of read-only inspections (the headless audit); outside it every read
 * goes to the server, so a step's verification after a change always sees the new state.
 */
export async function withSharedReads<T>(
  connection: Connection,
  work: () => Promise<T>,
): Promise<T> {
  if (open.has(connection)) return work();
  open.set(connection, new Map());
  try {
    return await work();
  } finally {
    open.delete(connection);
  }
}

/**
 * Drops every answer held for `connection` (the batch stays open), so the next read goes to the
 * server again: call it after anything changed the cluster inside a batch.
 */
export function forget(connection: Connection): void {
  open.get(connection)?.clear();
}

/** Whether a read batch is open on `connection`. */
export function inReadBatch(connection: Connection): boolean {
  return open.has(connection);
}

/**
 * The answer of `read`, sent once per open batch under `key` and shared; with no batch open,
 * `read` runs every time. A refused read is shared as the same rejection, so each caller still
 * handles "forbidden" its own way.
 */
export function sharedRead<T>(
  connection: Connection,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const shelf = open.get(connection);
  if (!shelf) return read();
  let held = shelf.get(key) as Promise<T> | undefined;
  if (!held) {
    held = read();
    shelf.set(key, held);
  }
  return held;
}
