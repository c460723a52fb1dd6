// The node-rotation picture from hand-written polls.
import { describe, expect, it } from 'vitest';
import {
  finish,
  observe,
  progressOf,
  startRotation,
  type NodeSnapshot,
} from '../../src/steps/rotation/state.js';
import { timing } from '../../src/steps/rotation/estimate.js';

const old = (name: string, extra: Partial<NodeSnapshot> = {}): NodeSnapshot => ({
  name,
  unschedulable: false,
  image: 'img-1',
  quarantined: false,
  ...extra,
});
const fresh = (name: string): NodeSnapshot => ({
  name,
  unschedulable: false,
  image: 'img-2',
  quarantined: false,
});

describe('rotation model', () => {
  it('follows surge, cordon, drain, reimage and replacement in order', () => {
    let r = startRotation('apps', 'node image', { image: 'img-2' }, [old('n1'), old('n2')], 0);
    r = observe(r, [old('n1'), old('n2'), fresh('s1')], 10);
    r = observe(
      r,
      [
        old('n1', { unschedulable: true, podsLeft: 2, waitingFor: ['shop/web-1'] }),
        old('n2'),
        fresh('s1'),
      ],
      20,
    );
    expect(r.rows[0]).toMatchObject({ phase: 'draining', podsLeft: 2 });
    r = observe(r, [old('n2'), fresh('s1')], 30);
    r = observe(r, [fresh('n1'), old('n2'), fresh('s1')], 40);
    expect(progressOf(r)).toEqual({ done: 1, total: 2 });
    expect(timing(r)).toEqual({ elapsedMs: 40, remainingMs: 40 });
    // n2 is missed between polls: what must have happened is filled in.
    r = observe(r, [fresh('n1'), fresh('n2')], 60);
    r = finish(r, 'succeeded', 70);
    expect(r.rows.map((x) => [x.name, x.history.join('>')])).toEqual([
      ['n1', 'waiting>cordoned>draining>drained>reimaging>replaced'],
      ['n2', 'waiting>cordoned>drained>reimaging>replaced'],
      ['s1', 'surge>removed'],
    ]);
  });

  it('marks unfinished nodes blocked on failure and quarantined ones as such', () => {
    let r = startRotation(
      'data',
      'upgrade',
      { kubelet: '1.32.5' },
      [old('n1', { kubelet: 'v1.31.8' }), old('n2', { kubelet: 'v1.32.5' })],
      0,
    );
    expect(r.rows[1]!.phase).toBe('current');
    r = observe(
      r,
      [
        old('n1', { kubelet: 'v1.31.8', unschedulable: true, podsLeft: 1 }),
        old('n2', { kubelet: 'v1.32.5' }),
      ],
      5,
    );
    r = finish(r, 'failed', 9, { code: 'UpgradeFailed', message: 'blocked' });
    expect(r.rows[0]!.phase).toBe('blocked');
    expect(progressOf(r)).toEqual({ done: 0, total: 1 });
    const q = observe(
      startRotation('data', 'upgrade', { kubelet: '1.32.5' }, [old('n1')], 0),
      [old('n1', { unschedulable: true, quarantined: true, podsLeft: 1 })],
      1,
    );
    expect(q.rows[0]!.phase).toBe('quarantined');
  });

  it('says a failed or aborted operation never reached the nodes it had not touched', () => {
    const nodes = [old('n1'), old('n2'), old('n3')];
    let r = startRotation('apps', 'node image', { image: 'img-2' }, nodes, 0);
    r = observe(r, [old('n1', { unschedulable: true, podsLeft: 1 }), old('n2'), old('n3')], 5);
    for (const status of ['failed', 'canceled'] as const) {
      const ended = finish(r, status, 9);
      expect(ended.rows.map((row) => row.phase)).toEqual(['blocked', 'unreached', 'unreached']);
      expect(ended.rows[1]!.history).toEqual(['waiting', 'unreached']);
    }
    // Still running in Azure, or not heard: AKS may yet reach them.
    for (const status of ['left-running', 'unknown', 'succeeded'] as const)
      expect(finish(r, status, 9).rows[1]!.phase).toBe('waiting');
  });
});
