import { waitLine, type WaitNotice } from '../model/bounds.js';

/** Where the header's wait line goes, and the clock and timer it is kept by (tests pass fakes). */
export interface WaitHeaderDeps {
  show: (line: string | undefined) => void;
  now?: () => number;
  after?: (ms: number, then: () => void) => void;
}

/**
 * Shows a long retry wait in the header while it lasts. Reads run at once, so waits overlap: the
 * header keeps the line of the wait that ends last and clears only when no read is waiting any
 * more (one read's wait ending must not blank the header while another still waits).
 */
export function waitHeader(deps: WaitHeaderDeps): (wait: WaitNotice) => void {
  const now = deps.now ?? Date.now;
  const after = deps.after ?? ((ms, then) => void setTimeout(then, ms).unref());
  const waits = new Set<{ line: string; endsAt: number }>();
  const refresh = (): void => {
    let last: { line: string; endsAt: number } | undefined;
    for (const w of waits) if (!last || w.endsAt >= last.endsAt) last = w;
    deps.show(last?.line);
  };
  return (notice) => {
    const wait = { line: waitLine(notice), endsAt: now() + notice.ms };
    waits.add(wait);
    refresh();
    after(notice.ms, () => {
      waits.delete(wait);
      refresh();
    });
  };
}
