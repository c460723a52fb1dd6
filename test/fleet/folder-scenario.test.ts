// A scenario folder of several clusters (one subfolder each, in two subscriptions) with a fleet
// over one of them: loaded by the simulator, listed by `fleet inventory`, and upgraded one at a
// time by `fleet sequence` until a PodDisruptionBudget blocks a drain, then resumed once it is
// relaxed. Bad folders are refused in one line naming the file and the line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig, PolicyV1Api } from '@kubernetes/client-node';
import { main } from '../../src/cli.js';
import { loadScenario } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

const NONPROD = '11111111-2222-4333-8444-555555555555';
const PROD = '99999999-8888-4777-8666-555555555555';

function descriptor(o: {
  sub: string;
  rg: string;
  name: string;
  env: string;
  version: string;
  drainTimeout?: number;
}): string {
  return `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
cluster:
  subscriptionId: ${o.sub}
  resourceGroup: ${o.rg}
  name: ${o.name}
  location: westeurope
  kubernetesVersion: ${o.version}
  tags:
    env: ${o.env}
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: ${o.version}
${o.drainTimeout ? `      upgradeSettings:\n        maxSurge: "1"\n        drainTimeoutInMinutes: ${o.drainTimeout}\n` : ''}kubernetesVersions:
  - version: "1.30"
    patches: [1.30.11, 1.30.12]
  - version: "1.31"
    patches: [1.31.7, 1.31.8]
operator:
  user: operator@contoso.com
`;
}

const LEDGER = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ledger
  namespace: default
spec:
  serviceName: ledger
  replicas: 1
  selector:
    matchLabels: {app: ledger}
  template:
    metadata:
      labels: {app: ledger}
    spec:
      containers:
        - name: ledger
          image: contoso.azurecr.io/ledger:2.0.1
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ledger
  namespace: default
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: ledger}
`;

const FLEET = `apiVersion: aks-runbook/v1alpha1
kind: AksFleet
fleet:
  resourceGroup: rg-fleet
  name: fleet-web
members:
  - name: web-stg
    cluster: aks-web-stg
    group: staging
strategies:
  - name: staging-only
    stages:
      - name: staging
        groups: [staging]
`;

/** Writes the three-cluster folder; `change` may replace or add files. */
function folder(change: Record<string, string> = {}): string {
  const dir = join(tempDir('multi-scenario-'), 'shop');
  const files: Record<string, string> = {
    '1-api-dev/cluster.yaml': descriptor({
      sub: NONPROD,
      rg: 'rg-dev',
      name: 'aks-api-dev',
      env: 'dev',
      version: '1.30.11',
    }),
    '2-web-stg/cluster.yaml': descriptor({
      sub: NONPROD,
      rg: 'rg-stg',
      name: 'aks-web-stg',
      env: 'staging',
      version: '1.30.12',
    }),
    '3-api-prod/cluster.yaml': descriptor({
      sub: PROD,
      rg: 'rg-prod',
      name: 'aks-api-prod',
      env: 'prod',
      version: '1.30.12',
      drainTimeout: 5,
    }),
    '3-api-prod/ledger.yaml': LEDGER,
    'fleet.yaml': FLEET,
    ...change,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

let sim: Simulator;
let h: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: folder(), speed: 6000 });
  h = fleetHarness(sim);
});
afterAll(async () => {
  await sim.close();
});

describe('a scenario folder of several clusters', () => {
  it('serves each cluster with its own API server, in two subscriptions, and the fleet', () => {
    expect(sim.clusters.map((c) => `${c.arm.subscriptionId.slice(0, 4)} ${c.arm.name}`)).toEqual([
      '1111 aks-api-dev',
      '1111 aks-web-stg',
      '9999 aks-api-prod',
    ]);
    expect(new Set(sim.clusters.map((c) => c.baseUrl)).size).toBe(3);
    expect(
      sim.fleets.map(
        (f) =>
          `${f.spec.subscriptionId.slice(0, 4)} ${f.spec.name} ${f.members.map((m) => m.name).join(',')}`,
      ),
    ).toEqual(['1111 fleet-web web-stg']);
  });

  it('fleet inventory lists the three clusters with the fleet membership', async () => {
    const inv = await h.run(['inventory', '--output', 'json']);
    expect(inv.code).toBe(0);
    const rows = (
      JSON.parse(inv.out) as {
        clusters: Array<{ name: string; subscriptionId: string; fleet?: { fleet: string } }>;
      }
    ).clusters;
    expect(rows.map((r) => r.name).sort()).toEqual(['aks-api-dev', 'aks-api-prod', 'aks-web-stg']);
    expect(rows.find((r) => r.name === 'aks-web-stg')?.fleet?.fleet).toBe('fleet-web');
    expect(new Set(rows.map((r) => r.subscriptionId)).size).toBe(2);
  });

  it('fleet sequence --dry-run orders the two clusters in no fleet, dev first, and sends nothing', async () => {
    const before = writesOf(sim);
    const dry = await h.run(['sequence', '--kubernetes-version', '1.31.8', '--dry-run']);
    expect(dry.code).toBe(0);
    const order = dry.out.split('\n').filter((l) => /^\d+ {2,}/.test(l));
    expect(order.map((l) => l.split(/\s+/).slice(1, 3).join(' '))).toEqual([
      'dev aks-api-dev',
      'prod aks-api-prod',
    ]);
    expect(order[1]).toMatch(/blocked/);
    expect(dry.out).toMatch(/aks-api-prod: PDB default\/ledger allows 0 disruptions/);
    expect(dry.out).not.toContain('aks-web-stg (');
    expect(dry.out).toContain('Dry run: nothing was sent to any cluster.');
    expect(writesOf(sim)).toBe(before);
  });

  it('stops at the PDB-blocked cluster with the reason and what to do, and resumes there once relaxed', async () => {
    const run = [
      'sequence',
      '--kubernetes-version',
      '1.31.8',
      '--confirm',
      'aks-api-dev,aks-api-prod',
    ];
    const first = await h.run(run);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/✔ aks-api-dev verified/);
    expect(first.out).toMatch(
      /✖ The sequence stopped at aks-api-prod: pool system .* failed: PodDisruptionBudget default\/ledger would not let AKS evict pod ledger-0/,
    );
    expect(first.out).toMatch(/kubectl get pdb -n default ledger/);
    expect(first.out).toMatch(/run the same command again: the sequence picks up at this cluster/);
    // The operator relaxes the budget for the window, then runs the same command again.
    const prod = sim.clusters.find((c) => c.arm.name === 'aks-api-prod')!;
    const kc = new KubeConfig();
    kc.loadFromString(prod.userKubeconfig());
    await kc.makeApiClient(PolicyV1Api).deleteNamespacedPodDisruptionBudget({
      name: 'ledger',
      namespace: 'default',
    });
    const second = await h.run(run);
    expect(second.out).toMatch(
      /Resuming the sequence begun .*: 1 of 2 verified; picking up at aks-api-prod/,
    );
    expect(second.out).toMatch(
      /pool system \(System, 2 nodes\) retry at 1\.31\.8|pool system .* → 1\.31\.8/,
    );
    expect(second.out).toMatch(/✔ aks-api-prod verified/);
    expect(second.code).toBe(0);
  }, 60_000);
});

describe('bad multi-cluster folders', () => {
  async function loadError(change: Record<string, string>): Promise<string> {
    try {
      await loadScenario(folder(change));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the folder to be refused');
  }

  it.each([
    [
      { 'fleet.yaml': FLEET.replace('groups: [staging]', 'groups: [prod]') },
      /fleet\.yaml:\d+: strategy staging-only: group prod is no member's group \(groups: staging\)/,
    ],
    [
      { 'fleet.yaml': FLEET.replace('cluster: aks-web-stg', 'cluster: aks-web') },
      /fleet\.yaml:\d+: member web-stg: no cluster aks-web in this folder/,
    ],
    [
      { 'fleet.yaml': FLEET.replace('group: staging', 'group: Staging') },
      /fleet\.yaml:\d+: members\.0\.group: lower-case letters/,
    ],
    [
      { 'fleet.yaml': FLEET.replace('members:', 'memebers:') },
      /fleet\.yaml:\d+: unknown field "memebers"/,
    ],
    [
      { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n' },
      /ns\.yaml:1: a folder of several clusters holds only kind: AksFleet documents at its top; put Namespace in its cluster's folder/,
    ],
    [
      {
        '2-web-stg/cluster.yaml': descriptor({
          sub: NONPROD,
          rg: 'rg-dev',
          name: 'aks-api-dev',
          env: 'dev',
          version: '1.30.11',
        }),
      },
      /2-web-stg: cluster rg-dev\/aks-api-dev in subscription 1111.* is also in .*1-api-dev/,
    ],
  ])('refuses %#', async (change, message) => {
    const error = await loadError(change);
    expect(error).toMatch(message);
    expect(error).not.toContain('\n');
  });

  it('the CLI says it in one line and exits 2', async () => {
    let err = '';
    const code = await main(
      [
        'fleet',
        'inventory',
        '--demo',
        '--scenario',
        folder({ 'fleet.yaml': FLEET.replace('groups: [staging]', 'groups: [prod]') }),
      ],
      { HOME: tempDir('home-'), AKS_RUNBOOK_NO_AZURE_SIGNIN: '1' },
      { out: () => undefined, err: (t) => (err += t), interactive: false, progress: false },
    );
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/fleet\.yaml:\d+: strategy staging-only: group prod is no member's group/);
  });
});
