import { ApiException } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/run-audit.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import type { Simulator } from '../../src/sim/simulator.js';
import type { TargetOptions } from '../../src/target/options.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import type { AuditedStep } from '../../src/runbook/audit-inspect.js';
import type { StepId } from '../../src/model/checklist.js';
import { listAllNodes } from '../../src/kube/nodes.js';
import { publishedSchema } from '../report/published-schema.js';
import { tempDir } from '../helpers/temp-dir.js';

// The audit in-process against a running simulator, with hand-written step modules: each shows one
// way a step can end (findings, a crash, a refusal), and the simulator counts every request.

const modules: Partial<Record<StepId, AuditedStep>> = {
  rbac: {
    // A real read through the connection, then a finding about what it saw.
    inspect: async ({ connection, mode }) => {
      const nodes = await listAllNodes(connection.kc);
      return {
        facts: { nodes: nodes.length, readOnly: mode.readOnly },
        summary: [`${nodes.length} nodes`],
        findings: [
          {
            id: 'versions.test-nodes-seen',
            severity: 'medium',
            object: { kind: 'Node', name: nodes[0]!.metadata!.name! },
            message: `saw ${nodes.length} nodes (read-only: ${mode.readOnly})`,
          },
        ],
      };
    },
  },
  imds: {
    inspect: () => Promise.reject(new Error('the step broke\nwith a second line')),
  },
  containers: {
    inspect: () =>
      Promise.reject(new ApiException(403, 'Forbidden', '{"message":"pods is forbidden"}', {})),
  },
  drain: {
    inspect: () => Promise.resolve({ facts: {}, findings: [] }),
  },
};

describe('aks-runbook audit, in-process against a running simulator', () => {
  let running: RunningSim;
  let sim: Simulator;
  let target: TargetOptions;

  beforeAll(async () => {
    running = await startSimCommand('demo');
    sim = running.sim;
    target = { cloud: 'AzureCloud', demo: false, simConnection: running.connectionFile };
  });
  afterAll(() => running.stop());

  async function audit(steps: string[], failOn: 'low' | 'medium' | 'high', progress = false) {
    let out = '';
    let err = '';
    const code = await runAudit(
      target,
      { steps: steps as StepId[], output: 'json', failOn },
      // The audit records itself for --baseline last: in a folder of the test's own.
      { XDG_STATE_HOME: tempDir('audit-state-') },
      { out: (t) => (out += t), err: (t) => (err += t), progress },
      { modules },
    );
    return { code, report: JSON.parse(out) as AuditReport, err };
  }

  it('reports each way a step can end, keeps going after a crash, and sends no write', async () => {
    const before = sim.log.entries.length;
    const { code, report, err } = await audit(['rbac', 'imds', 'drain', 'node-image'], 'medium');
    expect(publishedSchema().safeParse(report).success).toBe(true);
    expect(report.steps.map((s) => [s.id, s.status])).toEqual([
      ['rbac', 'findings'],
      ['imds', 'unavailable'],
      ['drain', 'ok'],
      ['node-image', 'not-built'],
    ]);
    expect(report.steps[0]!.findings[0]).toMatchObject({
      id: 'versions.test-nodes-seen',
      step: 'rbac',
      message: expect.stringContaining('read-only: true') as string,
    });
    // A step that crashed is a hole: named, its kind (a bug: internal) and what went unchecked.
    expect(report.steps[1]).toMatchObject({
      errorKind: 'internal',
      missing: expect.stringMatching(
        /^not checked: whether pods can reach 169\.254\.169\.254/,
      ) as string,
    });
    expect(report.steps[1]!.reason).toMatch(/^the step broke; this is a bug in aks-runbook/);
    expect(report.cluster).toMatchObject({ name: 'aks-shop-prod', simulated: true });
    expect(code).toBe(2);
    expect(report.exitCode).toBe(2);
    expect(err).toBe(''); // no progress unless stderr is a terminal

    const seen = sim.log.entries.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('passes (0) below --fail-on, and says 2 when a step was refused', async () => {
    expect((await audit(['rbac'], 'high')).code).toBe(0);
    const refused = await audit(['rbac', 'containers'], 'high');
    expect(refused.report.steps[1]).toMatchObject({ status: 'forbidden' });
    expect(refused.code).toBe(2);
  });

  it('shows progress on stderr when asked to (stderr is a terminal)', async () => {
    const { err } = await audit(['drain'], 'high', true);
    expect(err).toContain('drain: ok');
  });

  it('lists every checklist step that inspects', () => {
    expect(AUDIT_STEPS.map((s) => s.id)).toEqual([
      'defender',
      'api-access',
      'rbac',
      'imds',
      'containers',
      'upgrades',
      'drain',
      'node-image',
    ]);
  });
});
