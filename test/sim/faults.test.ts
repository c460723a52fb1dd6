// Faults are interceptors on the HTTPS front: deterministic for a seed, switchable per API.
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom, type FaultSpec } from '../../src/sim/faults.js';
import { rawArm, startArm, type ArmHarness } from './arm-helpers.js';
import { until } from '../helpers/until.js';

let h: ArmHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function withFaults(faults: FaultSpec): Promise<{ h: ArmHarness; mc: string }> {
  h = await startArm('minimal', { faults });
  const c = h.aks.coordinates;
  const mc = `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}?api-version=2026-06-01`;
  return { h, mc };
}

describe('faults', () => {
  it('draws the same sequence for the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, seededRandom(8))).not.toEqual(xs);
  });

  it('throttles with and without Retry-After', async () => {
    const one = await withFaults({ throttle: 1, throttleRetryAfter: 3 });
    const r = await rawArm(one.h, 'GET', one.mc);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    await one.h.close();
    const two = await withFaults({ throttle: 1 });
    const r2 = await rawArm(two.h, 'GET', two.mc);
    expect(r2.status).toBe(429);
    expect(r2.headers.get('retry-after')).toBeNull();
  });

  it('answers a share of calls with 503, repeatably', async () => {
    const statuses = async (): Promise<number[]> => {
      const { h: x, mc } = await withFaults({ serverError: 0.5, serverErrorStatus: 503, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await rawArm(x, 'GET', mc)).status);
      await x.close();
      return out;
    };
    const first = await statuses();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
  });

  it('resets connections, adds latency, and refuses writes as busy', async () => {
    const reset = await withFaults({ reset: 1 });
    await expect(rawArm(reset.h, 'GET', reset.mc)).rejects.toThrow(/socket hang up|ECONNRESET/);
    await reset.h.close();
    const slow = await withFaults({ latencyMs: 120 });
    const t = performance.now();
    await rawArm(slow.h, 'GET', slow.mc);
    expect(performance.now() - t).toBeGreaterThanOrEqual(100);
    await slow.h.close();
    const busy = await withFaults({ armBusy: 1 });
    const pool = busy.mc.replace('?', '/agentPools/system/upgradeNodeImageVersion?');
    const r = await rawArm(busy.h, 'POST', pool);
    expect(r.status).toBe(409);
    expect((await rawArm(busy.h, 'GET', busy.mc)).status).toBe(200);
  });

  it('loses the answer of a processed write: the client sees a reset, the change is made', async () => {
    const { h: x, mc } = await withFaults({ loseAnswer: 1, methods: ['PATCH'] });
    await expect(rawArm(x, 'PATCH', mc, { tags: { owner: 'ops' } })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    // Reads are not hit (methods), and show the PATCH took effect.
    const after = await rawArm(x, 'GET', mc);
    expect(after.status).toBe(200);
    expect((after.body as { tags?: Record<string, string> }).tags).toEqual({ owner: 'ops' });
    expect(x.https.log.entries.filter((e) => e.method === 'PATCH')).toHaveLength(1);
    await x.close();
    // A reset, by contrast, drops the request before it is processed.
    const { h: y, mc: mc2 } = await withFaults({ reset: 1, methods: ['PATCH'] });
    await expect(rawArm(y, 'PATCH', mc2, { tags: { owner: 'ops' } })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect((await rawArm(y, 'GET', mc2)).body).not.toHaveProperty('tags.owner');
  });

  it('expires tokens after N simulated minutes', async () => {
    const { h: x, mc } = await withFaults({ tokenExpiryMinutes: 1 });
    const started = Date.now();
    const r = await until(
      async () => {
        const answer = await rawArm(x, 'GET', mc);
        return answer.status === 401 && answer;
      },
      'the token to expire after one simulated minute',
      { ms: 5000, everyMs: 20 },
    );
    // A simulated minute at the test clock's speed, not a wall minute.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.status).toBe(401);
    expect((r.body as { error: { code: string } }).error.code).toBe('ExpiredAuthenticationToken');
  });
});
