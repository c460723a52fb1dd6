/**
 * A tiny concurrency limiter: at most `max` tasks run at once, the rest wait their turn in order.
 * (kubectl evicts every pod at once; a limit keeps a 100-pod node from flooding the API server.)
 */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      next();
    }
  };
}
