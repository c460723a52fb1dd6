import { describe, expect, it } from 'vitest';
import { waitHeader } from '../../src/runbook/wait-header.js';
import type { WaitNotice } from '../../src/model/bounds.js';

/** A header fed by `waitHeader` on a hand-moved clock. */
function rig() {
  let clock = 0;
  const timers: Array<{ at: number; then: () => void }> = [];
  const shown: Array<string | undefined> = [];
  const notify = waitHeader({
    show: (line) => shown.push(line),
    now: () => clock,
    after: (ms, then) => timers.push({ at: clock + ms, then }),
  });
  const to = (ms: number): string | undefined => {
    clock = ms;
    timers.sort((a, b) => a.at - b.at);
    while (timers[0] && timers[0].at <= clock) timers.shift()!.then();
    return shown.at(-1);
  };
  return { notify, to, shown };
}

const kube = (ms: number): WaitNotice => ({ api: 'kube', ms, why: 'is throttling (429)' });
const arm = (ms: number): WaitNotice => ({ api: 'arm', ms, why: 'is throttling (429)' });

describe('the header wait line with reads waiting at once', () => {
  it('stays while any read still waits, and clears when the last wait ends', () => {
    const { notify, to } = rig();
    notify(kube(3000));
    to(100);
    notify(kube(3000)); // a second read, throttled a moment later
    expect(to(3000)).toBe('the API server is throttling (429): waiting 3 s before asking again');
    expect(to(3099)).toBe('the API server is throttling (429): waiting 3 s before asking again');
    expect(to(3100)).toBeUndefined();
  });

  it('shows the wait that ends last, and the other one again once that ended', () => {
    const { notify, to } = rig();
    notify(arm(8000));
    notify(kube(2000));
    expect(to(0)).toBe(
      'Azure Resource Manager is throttling (429): waiting 8 s before asking again',
    );
    to(500);
    notify(kube(9000));
    expect(to(600)).toBe('the API server is throttling (429): waiting 9 s before asking again');
    expect(to(8000)).toBe('the API server is throttling (429): waiting 9 s before asking again');
    expect(to(9500)).toBeUndefined();
  });

  it('a single wait shows at once and clears when it ends', () => {
    const { notify, to, shown } = rig();
    notify(kube(3000));
    expect(shown).toEqual(['the API server is throttling (429): waiting 3 s before asking again']);
    expect(to(2999)).toBe('the API server is throttling (429): waiting 3 s before asking again');
    expect(to(3000)).toBeUndefined();
  });
});
