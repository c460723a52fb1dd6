import { FaultError } from './errors.js';

/**
 * Runs `work`, or rejects with a `timeout` failure saying `late` once it has taken `ms`. The work
 * itself is not stopped: what it holds open (a plugin, a socket) has its own limit.
 */
export async function withinTime<T>(ms: number, late: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const ranOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FaultError('timeout', late)), ms);
  });
  try {
    return await Promise.race([work(), ranOut]);
  } finally {
    clearTimeout(timer);
  }
}
