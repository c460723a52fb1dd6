// `--baseline last` once picked "this cluster's last audit" by the cluster's name alone when the
// cluster is named by a kubeconfig context (no subscription or resource group). Two different
// clusters whose contexts share a name (`prod` in two kubeconfig files, `default` on every k3s)
// share one record: the second cluster's first audit is compared with the first cluster's, its
// findings come out `unchanged`, and `--fail-on-new` passes a gate it must fail. README
// "Baselines": "Before the first recorded audit there is no baseline and everything is new"; the
// journal's resume already tells such clusters apart by API server (sameCluster in
// src/report/journal-digest.ts); the audit record now does too (auditRecordPath in
// src/baseline/audit-record.ts hashes the API server when there are no ARM coordinates).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';

let first: RunningSim;
let second: RunningSim;
const dir = tempDir('baseline-other-');

/** The sim's kubeconfig with its context (and cluster and user) renamed `prod`. */
function asProd(running: RunningSim, file: string): string {
  const name = running.sim.arm.name;
  const text = readFileSync(running.kubeconfigFile, 'utf8').replaceAll(name, 'prod');
  const path = join(dir, file);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  first = await startSimCommand('demo', { name: 'first' });
  second = await startSimCommand('demo', { name: 'second' });
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
});

it('compares a cluster never audited before with nothing, not with another cluster of the same context name', async () => {
  const env = { XDG_STATE_HOME: join(dir, 'state') };
  const a = asProd(first, 'a.kubeconfig');
  const b = asProd(second, 'b.kubeconfig');
  // Two clusters: different API servers.
  expect(readFileSync(a, 'utf8')).not.toBe(readFileSync(b, 'utf8'));
  const gate = ['--output', 'json', '--steps', 'rbac', '--fail-on', 'low'];
  const one = await runBin(['audit', '--kubeconfig', a, ...gate], env, { timeoutMs: 60_000 });
  expect(one.code).toBe(1); // it has findings at or above low
  const two = await runBin(
    ['audit', '--kubeconfig', b, ...gate, '--baseline', 'last', '--fail-on-new'],
    env,
    { timeoutMs: 60_000 },
  );
  const report = JSON.parse(two.stdout) as { baseline?: { found?: boolean } };
  // The second cluster was never audited: no baseline for it, every finding new, the gate fails.
  expect(two.code).toBe(1);
  expect(report.baseline?.found).toBe(false);
}, 120_000);
