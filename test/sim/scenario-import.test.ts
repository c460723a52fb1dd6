// Scenarios from what Azure says about a cluster: every official AKS REST example and every one of
// our own ARM fixtures that describes a cluster, a pool or the region's versions becomes a scenario
// that loads and that the audit goes through (a cluster without Entra ID included: AKS hands out
// a system:masters certificate for it), and `aks-runbook sim` imports and dumps scenarios.
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runAudit } from '../../src/cli/run-audit.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import { runSimCommand } from '../../src/sim/sim-command.js';
import { scenarioFromFiles } from '../../src/sim/scenario.js';
import { armContent, descriptorFromArm } from '../../src/sim/scenario/from-arm.js';
import { importScenario } from '../../src/sim/scenario/import.js';
import { ARM_FIXTURE_NAMES } from '../fixtures/arm.js';
import { startSimCommand } from '../helpers/sim-command.js';
import { rawArm, startArm } from './arm-helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLES = new URL('../../../shared/fixtures/azure-examples/', import.meta.url).pathname;
const OWN = new URL('../fixtures/arm/', import.meta.url).pathname;

/** Examples that describe an operation's outcome, not a cluster, a pool or versions. */
const NOT_A_CLUSTER = [
  'AgentPoolsAbortOperation',
  'AgentPoolsGetUpgradeProfile',
  'ManagedClustersAbortOperation',
  'ManagedClustersGetUpgradeProfile',
  'ManagedClustersListClusterAdminCredentials',
  'ManagedClustersListClusterUserCredentials',
  'OperationStatusResultGet',
];
const OWN_NOT_A_CLUSTER = [
  'agent-pool-upgrade-profile',
  'available-agent-pool-versions',
  'credentials-admin',
  'credentials-user',
  'managed-cluster-upgrade-profile',
  'operation-status-failed',
  'operation-status-in-progress',
  'operation-status-succeeded',
];

/** Writes the scenario an ARM document makes, and audits it through a running simulator. */
async function loadAndAudit(doc: unknown): Promise<AuditReport> {
  const descriptor = descriptorFromArm(armContent(doc));
  const text = stringify(descriptor);
  scenarioFromFiles('imported', [{ name: 'cluster.yaml', text }]);
  const dir = tempDir('imported-');
  writeFileSync(join(dir, 'cluster.yaml'), text);
  const running = await startSimCommand(dir, { speed: 600 });
  try {
    let out = '';
    const code = await runAudit(
      { cloud: 'AzureCloud', demo: false, simConnection: running.connectionFile },
      { steps: AUDIT_STEPS.map((s) => s.id), output: 'json', failOn: 'high' },
      {},
      { out: (t) => (out += t), err: () => undefined, progress: false },
    );
    const report = JSON.parse(out) as AuditReport;
    expect(code, JSON.stringify(report.steps)).not.toBe(2);
    return report;
  } finally {
    await running.stop();
  }
}

const names = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

describe.skipIf(!existsSync(EXAMPLES))(
  `official AKS examples as scenarios (needs ../shared/fixtures/azure-examples${existsSync(EXAMPLES) ? '' : ', absent here'})`,
  () => {
    const all = existsSync(EXAMPLES) ? names(EXAMPLES) : [];
    const doc = (name: string): unknown =>
      JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8'));

    it('tells the examples that describe something to build from from those that do not', () => {
      const empty = all.filter((n) => Object.keys(armContent(doc(n))).length === 0);
      expect(empty.sort()).toEqual(NOT_A_CLUSTER);
    });

    it.each(all.filter((n) => !NOT_A_CLUSTER.includes(n)))('%s loads and audits', async (name) => {
      const report = await loadAndAudit(doc(name));
      expect(report.steps.length).toBeGreaterThan(5);
    });
  },
);

describe('our own ARM fixtures as scenarios', () => {
  const doc = (name: string): unknown =>
    JSON.parse(readFileSync(join(OWN, `${name}.json`), 'utf8'));

  it('tells the fixtures that describe something to build from from those that do not', () => {
    const empty = ARM_FIXTURE_NAMES.filter((n) => Object.keys(armContent(doc(n))).length === 0);
    expect([...empty].sort()).toEqual(OWN_NOT_A_CLUSTER);
  });

  it.each(ARM_FIXTURE_NAMES.filter((n) => !OWN_NOT_A_CLUSTER.includes(n)))(
    '%s loads and audits',
    async (name) => {
      const report = await loadAndAudit(doc(name));
      expect(report.steps.length).toBeGreaterThan(5);
    },
  );

  it('keeps what the hardened cluster says, nulls included', () => {
    const body = JSON.parse(readFileSync(join(OWN, 'managed-cluster-profiles.json'), 'utf8')) as {
      body: { properties: Record<string, unknown> };
    };
    body.body.properties['aadProfile'] = {
      managed: true,
      adminGroupObjectIDs: null,
      enableAzureRBAC: true,
    };
    const d = descriptorFromArm(armContent(body)) as { cluster: Record<string, unknown> };
    expect(d.cluster['aadProfile']).toEqual({
      managed: true,
      adminGroupObjectIDs: null,
      enableAzureRBAC: true,
    });
    expect(
      (d.cluster['pools'] as Array<{ osType?: string; mode: string }>).map((p) => p.mode),
    ).toContain('System');
  });
});

describe('aks-runbook sim --from-aks --from-objects --dump-scenario', () => {
  it('writes a scenario from az aks show and kubectl get -o yaml, leaving out what is not served', async () => {
    const dir = tempDir('import-');
    const show = join(dir, 'show.json');
    writeFileSync(show, readFileSync(join(OWN, 'managed-cluster-bare.json'), 'utf8'));
    const objects = join(dir, 'objects.yaml');
    writeFileSync(
      objects,
      stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: 'ledger', managedFields: [{}] },
          },
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'ledger' } },
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'ledger' } },
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'api', namespace: 'ledger' },
            spec: {
              replicas: 2,
              selector: { matchLabels: { app: 'api' } },
              template: {
                metadata: { labels: { app: 'api' } },
                spec: { containers: [{ name: 'api', image: 'nginx' }] },
              },
            },
          },
        ],
      }),
    );
    let said = '';
    const out = join(dir, 'scenario');
    await runSimCommand(
      { fromAks: show, fromObjects: [objects], dumpScenario: out },
      { write: (t) => (said += t) },
    );
    expect(said).toContain(
      'Left out 1 Service (v1) object: the simulator does not serve that kind.',
    );
    expect(said).toContain(`Wrote the scenario to ${out} (cluster.yaml, objects.yaml).`);
    const running = await startSimCommand(out);
    try {
      const deployments = running.sim.kube.listNodes().length;
      expect(deployments).toBeGreaterThan(0);
      const pods = running.sim.kube
        .listNodes()
        .flatMap((n) => running.sim.kube.podsOnNode(n.metadata.name));
      expect(pods.filter((p) => p.metadata.namespace === 'ledger')).toHaveLength(2);
    } finally {
      await running.stop();
    }
  });

  it('dumps a built-in scenario', async () => {
    const out = join(tempDir('dump-'), 'minimal');
    await runSimCommand({ scenario: 'minimal', dumpScenario: out }, { write: () => undefined });
    expect(readdirSync(out)).toEqual(['cluster.yaml']);
    expect(() => importScenario({ name: 'x.json', text: '{}' }, [])).toThrow(
      'x.json: describes no AKS cluster or agent pool',
    );
  });
});

describe('descriptors that describe any AKS cluster', () => {
  const descriptor = (cluster: string): string => `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
cluster:
  resourceGroup: rg-any
  name: aks-any
  kubernetesVersion: 1.31.8
${cluster}
kubernetesVersions:
  - version: "1.31"
    patches: [1.31.8]
operator:
  user: op@contoso.com
`;
  const load = (cluster: string) =>
    scenarioFromFiles('any', [{ name: 'cluster.yaml', text: descriptor(cluster) }]);

  it('keeps nulls, private DNS zones, FQDN subdomains and public network access, as AKS shows them', async () => {
    const dir = tempDir('private-');
    writeFileSync(
      join(dir, 'cluster.yaml'),
      descriptor(`  fqdnSubdomain: payments
  publicNetworkAccess: Disabled
  aadProfile:
    managed: true
    adminGroupObjectIDs: null
  apiServerAccessProfile:
    enablePrivateCluster: true
    privateDNSZone: /subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io
  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: 1.31.8`),
    );
    const h = await startArm(dir);
    try {
      const c = h.aks.coordinates;
      const r = await rawArm(
        h,
        'GET',
        `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}?api-version=2026-06-01`,
      );
      const p = (r.body as { properties: Record<string, unknown> }).properties;
      expect(p['aadProfile']).toMatchObject({ adminGroupObjectIDs: null });
      expect(p['fqdnSubdomain']).toBe('payments');
      expect(p['dnsPrefix']).toBeUndefined();
      expect(p['publicNetworkAccess']).toBe('Disabled');
      expect(p['fqdn']).toBeUndefined();
      expect(p['privateFQDN']).toMatch(/^payments-\w+\.privatelink\.westeurope\.azmk8s\.io$/);
      const pool = (p['agentPoolProfiles'] as Array<{ nodeImageVersion: string }>)[0]!;
      expect(pool.nodeImageVersion).toMatch(/^AKSUbuntu-2204gen2containerd-\d{6}\.\d\d\.0$/);
    } finally {
      await h.close();
    }
  });

  it('refuses what AKS refuses: a Windows System pool, no System pool, dnsPrefix with fqdnSubdomain', () => {
    const pool = (mode: string, os: string) =>
      `  pools:\n    - name: p1\n      mode: ${mode}\n      osType: ${os}\n      count: 1\n      orchestratorVersion: 1.31.8`;
    expect(() => load(pool('System', 'Windows'))).toThrow(
      /pool p1: AKS refuses a Windows System pool/,
    );
    expect(() => load(pool('User', 'Linux'))).toThrow(
      /AKS needs at least one pool with mode: System/,
    );
    expect(() => load(`  dnsPrefix: a\n  fqdnSubdomain: b\n${pool('System', 'Linux')}`)).toThrow(
      /AKS takes dnsPrefix or fqdnSubdomain, not both/,
    );
  });

  it('hands out a system:masters client certificate on a cluster without Entra ID', async () => {
    const dir = tempDir('local-');
    writeFileSync(
      join(dir, 'cluster.yaml'),
      descriptor(
        `  pools:\n    - name: system\n      mode: System\n      count: 1\n      orchestratorVersion: 1.31.8`,
      ),
    );
    const running = await startSimCommand(dir);
    try {
      const kc = parse(readFileSync(running.kubeconfigFile, 'utf8')) as {
        users: Array<{ name: string; user: Record<string, string> }>;
      };
      const user = kc.users[0]!;
      expect(user.name).toBe('clusterUser_rg-any_aks-any');
      expect(Object.keys(user.user).sort()).toEqual(['client-certificate-data', 'client-key-data']);
      const cert = new X509Certificate(
        Buffer.from(user.user['client-certificate-data']!, 'base64'),
      );
      expect(cert.subject).toBe('CN=masterclient\nO=system:masters');
      expect(cert.checkIssued(new X509Certificate(running.sim.caCert))).toBe(true);
    } finally {
      await running.stop();
    }
  });
});
