// `aks-runbook audit` when Microsoft Graph throttles items inside a $batch: those names are
// unknown, never "not in the directory".
import { afterEach, describe, expect, it } from 'vitest';
import { audit, rig, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

describe('Microsoft Graph throttling one part of a $batch', () => {
  it('users Graph could not look up (429 inside the batch) are not said to be missing from the directory', async () => {
    r = await rig('demo');
    r.intercept((q, api) => {
      if (api !== 'graph' || q.path !== '/v1.0/$batch') return undefined;
      const parts = (JSON.parse(q.body.toString()) as { requests: Array<{ id: string }> }).requests;
      return {
        status: 200,
        body: {
          responses: parts.map((p) => ({
            id: p.id,
            status: 429,
            headers: { 'Retry-After': '1' },
            body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
          })),
        },
      };
    });
    const { report } = await audit(r.file, { steps: ['rbac'] });
    const summary = (report.steps[0]!.summary ?? []).join('\n');
    expect(summary).not.toMatch(/not in the directory[^\n]*jordan@contoso\.com/);
  }, 60_000);
});
