// A waiver of a step whose list was refused (imds.forbidden) had no chance to match: the audit
// must not call it unused (an invitation to delete a waiver that still applies), but say its use
// is unknown. End to end: the real audit against the simulator, the list refused on the wire.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeStatus } from '../../src/sim/server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { audit, rig, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

describe('a waiver of a step whose read was refused', () => {
  it('is not called unused: its use is unknown, and the waivers step says so', async () => {
    r = await rig('demo');
    const clean = await audit(r.file, { steps: ['imds'] });
    const exposed = clean.report.steps[0]!.findings.find((f) => f.id === 'imds.namespace-exposed')!;
    const waivers = join(tempDir('repro-waivers-'), 'waivers.yaml');
    writeFileSync(
      waivers,
      [
        'waivers:',
        '  - finding: imds.namespace-exposed',
        `    object: { kind: ${exposed.object!.kind}, name: ${exposed.object!.name} }`,
        '    reason: batch jobs need the instance metadata endpoint',
        '    owner: platform-team',
        `    expires: ${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}`,
        '',
      ].join('\n'),
    );
    // control: with the policies read, the waiver is used.
    const used = await audit(r.file, { steps: ['imds'], waivers });
    expect(used.report.waivers?.waived).toBe(1);

    r.intercept((q) =>
      /\/networkpolicies$/.test(q.path)
        ? kubeStatus(403, 'Forbidden', 'networkpolicies.networking.k8s.io is forbidden')
        : undefined,
    );
    const { report } = await audit(r.file, { steps: ['imds'], waivers });
    expect(report.steps[0]!.findings.map((f) => f.id)).toEqual(['imds.forbidden']);
    expect(report.waivers?.unused).toBe(0);
    const own = report.steps.find((s) => s.id === 'waivers')!;
    expect(own.findings).toEqual([]);
    expect(own.summary?.join('\n')).toMatch(
      /Not known whether this waiver matches anything, as the step's read failed \(not unused; keep it\): imds\.namespace-exposed /,
    );
  }, 90_000);
});
