// The "exportable, not applied" paths of the security steps: a YAML file next to the journal, a
// journal note naming it, and not one request but reads reaching the (simulated) cluster.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { containersStep } from '../../src/steps/containers/index.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { stepSession } from './security-step-session.js';

const GROUP = '2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d';
const SAM = 'RoleBinding/payments/sam-secret-reader#sam@contoso.com';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

/** The part of an exported patch document the test reads. */
interface PatchDocument {
  spec: { template: { spec: { containers: { securityContext?: Record<string, unknown> }[] } } };
}
type Session = Awaited<ReturnType<typeof stepSession>>;
const notWrittenSince = (from: number) =>
  sim.log.entries.slice(from).filter((e) => e.effect !== 'read');
const exported = (lines: Record<string, unknown>[], message: string) =>
  lines.find((l) => l['type'] === 'note' && l['message'] === message);

describe('exports on the demo cluster', () => {
  let session: Session | undefined;
  afterEach(async () => {
    await session?.host.stop();
  });

  it('containers, read-only: e writes the suggested patches next to the journal, notes the file, sends nothing', async () => {
    const before = sim.log.entries.length;
    session = await stepSession(sim, 'containers', containersStep, { readOnly: true });
    await session.host.open('containers');
    expect(session.view().actions?.map((a) => a.key)).toEqual(['e']);
    await session.host.send('containers', { type: 'action', key: 'e' });

    const result = session.view().result?.join('\n') ?? '';
    const file = /Wrote (\S+\.yaml)/.exec(result)?.[1];
    expect(file, result).toBeDefined();
    expect(dirname(file!)).toBe(dirname(session.journal.path));
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    const text = readFileSync(file!, 'utf8');
    expect(text).toContain('Nothing here was applied.');
    expect(text).toContain('kubectl patch deployment/log-shipper -n monitoring --type strategic');
    const documents = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
    const shipper = documents.find(
      (d) => (d['metadata'] as { name?: string } | undefined)?.name === 'log-shipper',
    );
    // The patch is shaped like the workload: containers merge by name into the pod template.
    expect(shipper).toMatchObject({ metadata: { name: 'log-shipper', namespace: 'monitoring' } });
    const template = (shipper as unknown as PatchDocument).spec.template.spec;
    expect(template.containers[0]?.securityContext).toMatchObject({
      privileged: false,
      allowPrivilegeEscalation: false,
    });
    // kured was installed into kube-system by the operator, not AKS: its patch is there too.
    expect(text).toContain('kubectl patch daemonset/kured -n kube-system --type strategic');

    const note = exported(
      await session.journalLines(),
      'exported suggested securityContext patches',
    );
    expect(note).toMatchObject({ step: 'containers', detail: { file } });
    expect((note!['detail'] as { workloads: string[] }).workloads).toContain(
      'Deployment monitoring/log-shipper',
    );
    expect(notWrittenSince(before)).toEqual([]);
    session = undefined;
  });

  it('rbac: e exports the proposed group binding as YAML next to the journal and changes nothing', async () => {
    session = await stepSession(sim, 'rbac', rbacStep);
    await session.host.open('rbac');
    await session.host.send('rbac', { type: 'propose', candidate: SAM, group: GROUP });
    const before = sim.log.entries.length;
    await session.host.send('rbac', { type: 'action', key: 'e' });

    const result = session.view().result?.join('\n') ?? '';
    const file = /Wrote (\S+\.yaml)/.exec(result)?.[1];
    expect(file, result).toBeDefined();
    expect(dirname(file!)).toBe(dirname(session.journal.path));
    const binding = parse(readFileSync(file!, 'utf8')) as Record<string, unknown>;
    expect(binding).toMatchObject({
      kind: 'RoleBinding',
      metadata: { name: 'sam-secret-reader-group', namespace: 'payments' },
      subjects: [{ kind: 'Group', name: GROUP }],
    });
    // Same role as the user's binding (roleRef cannot change on a binding).
    expect(JSON.stringify(binding['roleRef'])).toBe(
      JSON.stringify({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'secret-reader',
      }),
    );

    const note = exported(await session.journalLines(), 'exported proposed binding');
    expect(note).toMatchObject({
      step: 'rbac',
      detail: { file, binding: 'RoleBinding/payments/sam-secret-reader-group' },
    });
    expect(notWrittenSince(before)).toEqual([]);
    // Nothing was created: the user is still bound directly.
    expect(sim.log.writes()).toEqual([]);
    session = undefined;
  });
});
