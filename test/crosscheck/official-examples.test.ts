// Cross-check, never a requirement: where Microsoft's official AKS REST examples sit next to this
// clone (../shared/fixtures/azure-examples/, as in CI), our own fixtures and the simulator's answers
// must have their shape: same keys, nesting and JSON types; fields that only some clusters have may
// be absent, and what we add must be a property the API documents. A clone on its own skips this
// file with one line saying why; with AKS_RUNBOOK_REQUIRE_SHARED_FIXTURES=1 (CI) it fails instead.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armFixture, type ArmFixtureName } from '../fixtures/arm.js';
import { extraKeys, shapeDiff } from '../helpers/json-shape.js';
import { startArm, type ArmHarness } from '../sim/arm-helpers.js';
import { SIM_COVERED, simAnswers, type SimAnswer, type SimCovered } from '../sim/arm-responses.js';

const OFFICIAL = fileURLToPath(
  new URL('../../../shared/fixtures/azure-examples/', import.meta.url),
);
const present = existsSync(OFFICIAL);
const required = process.env['AKS_RUNBOOK_REQUIRE_SHARED_FIXTURES'] === '1';
const WHY =
  'official AKS examples cross-check skipped: ../shared/fixtures/azure-examples/ is not next to this clone (CI has it and runs the check)';

/** A response of an official example: its body and headers. */
function official(
  file: string,
  status: string,
): { body: unknown; headers: Record<string, string> } {
  const example = JSON.parse(readFileSync(`${OFFICIAL}${file}.json`, 'utf8')) as {
    responses: Record<string, { body?: unknown; headers?: Record<string, string> }>;
  };
  const response = example.responses[status];
  if (!response) throw new Error(`${file}.json has no ${status} response`);
  return { body: response.body, headers: response.headers ?? {} };
}

// What the examples show that only some clusters and pools have (set by their owner, or one of two
// documented ways to say the same thing, like outboundIPs versus managedOutboundIPs).
const CLUSTER_OPTIONAL = [
  'properties.diskEncryptionSetID',
  'properties.upgradeSettings',
  'properties.networkProfile.loadBalancerProfile.outboundIPs',
];
// What we send beyond the Get example: the checklist's properties (reference: the AKS REST API's
// ManagedCluster and AgentPool definitions) and fields other official examples show.
const CLUSTER_EXTRA =
  /^(identity|sku|properties\.(aadProfile|apiServerAccessProfile|autoUpgradeProfile|securityProfile|disableLocalAccounts|powerState|supportPlan|windowsProfile|status)|properties\.networkProfile\.(networkPolicy|networkPluginMode|networkDataplane|loadBalancerProfile\.managedOutboundIPs))$/;
const POOL_EXTRA =
  /^(mode|osSKU|type|powerState|availabilityZones|eTag|upgradeSettings|enableAutoScaling|minCount|maxCount|enableNodePublicIP|osDiskSizeGB|nodeLabels|nodeTaints|status|upgradeSettings\.(maxUnavailable|drainTimeoutInMinutes|nodeSoakDurationInMinutes|undrainableNodeBehavior))$/;

/** One comparison: our fixture (and the sim's answer, when it has one) against an official response. */
interface Pair {
  ours: ArmFixtureName;
  file: string;
  status: string;
  /** Where in our body the official body's shape applies (list items hold a Get body each). */
  items?: (body: unknown) => unknown[];
  optional?: string[];
  /** Our keys beyond the example that are documented properties, by dotted path. */
  extra?: (path: string) => boolean;
}

const clusterExtra = (path: string) => {
  const pool = /^properties\.agentPoolProfiles\[\]\.(.+)$/.exec(path);
  return pool ? POOL_EXTRA.test(pool[1]!) : CLUSTER_EXTRA.test(path);
};
const poolExtra = (prefix: string) => (path: string) =>
  POOL_EXTRA.test(path.slice(prefix.length).replace(/^properties\./, ''));
const values = (body: unknown) => (body as { value: unknown[] }).value;

const PAIRS: Pair[] = [
  {
    ours: 'managed-cluster-bare',
    file: 'ManagedClustersGet',
    status: '200',
    optional: CLUSTER_OPTIONAL,
    extra: clusterExtra,
  },
  {
    ours: 'managed-cluster-profiles',
    file: 'ManagedClustersGet',
    status: '200',
    optional: CLUSTER_OPTIONAL,
    extra: clusterExtra,
  },
  {
    ours: 'managed-cluster-list',
    file: 'ManagedClustersGet',
    status: '200',
    items: values,
    optional: CLUSTER_OPTIONAL,
    extra: clusterExtra,
  },
  {
    ours: 'managed-cluster-upgrade-profile',
    file: 'ManagedClustersGetUpgradeProfile',
    status: '200',
  },
  { ours: 'agent-pool-list', file: 'AgentPoolsList', status: '200', extra: poolExtra('value[].') },
  { ours: 'agent-pool-get', file: 'AgentPoolsGet', status: '200', extra: poolExtra('') },
  { ours: 'agent-pool-upgrade-profile', file: 'AgentPoolsGetUpgradeProfile', status: '200' },
  { ours: 'kubernetes-versions', file: 'KubernetesVersions_List', status: '200' },
  { ours: 'credentials-user', file: 'ManagedClustersListClusterUserCredentials', status: '200' },
  { ours: 'credentials-admin', file: 'ManagedClustersListClusterAdminCredentials', status: '200' },
  {
    ours: 'node-image-upgrade-202',
    file: 'AgentPoolsUpgradeNodeImageVersion',
    status: '202',
    extra: poolExtra(''),
  },
  { ours: 'node-image-upgrade-result', file: 'AgentPoolsGet', status: '200', extra: poolExtra('') },
  { ours: 'operation-status-in-progress', file: 'OperationStatusResultGet', status: '200' },
  {
    ours: 'operation-status-succeeded',
    file: 'OperationStatusResultGet',
    status: '200',
    extra: (p) => p === 'endTime',
  },
  {
    ours: 'operation-status-failed',
    file: 'OperationStatusResultGet',
    status: '200',
    optional: ['percentComplete'],
    extra: (p) => p === 'endTime' || p === 'error',
  },
];

/** Shape differences and undocumented extras of `body` against the official response. */
function mismatches(pair: Pair, body: unknown): string[] {
  const expected = official(pair.file, pair.status).body;
  const found = pair.items ? pair.items(body) : [body];
  return found.flatMap((item) => [
    ...shapeDiff(expected, item, pair.optional ?? []),
    ...extraKeys(expected, item)
      .filter((k) => !(pair.extra?.(k) ?? false))
      .map((k) => `${k}: not in the example`),
  ]);
}

// The one line a clone on its own prints about this file (the reporter does not show skip reasons).
// eslint-disable-next-line no-console
if (!present && !required) console.warn(WHY);

if (!present && required) {
  describe('official AKS examples (required here: AKS_RUNBOOK_REQUIRE_SHARED_FIXTURES=1)', () => {
    it('finds ../shared/fixtures/azure-examples/', () => {
      throw new Error(
        `${OFFICIAL} is missing: the cross-check against Microsoft's examples cannot run`,
      );
    });
  });
}

describe.skipIf(!present)(present ? 'official AKS examples cross-check' : WHY, () => {
  describe('our fixtures have the shape of the official examples', () => {
    it.each(PAIRS.map((p) => [p.ours, p] as const))('%s', (_name, pair) => {
      const fixture = armFixture(pair.ours);
      expect(String(fixture.status)).toBe(pair.status);
      expect(mismatches(pair, fixture.body)).toEqual([]);
    });

    it('the 202 of a node image upgrade carries the polling headers the example shows, as absolute URLs', () => {
      const ours = armFixture('node-image-upgrade-202').headers ?? {};
      const names = Object.keys(ours).map((h) => h.toLowerCase());
      for (const [header, url] of Object.entries(
        official('AgentPoolsUpgradeNodeImageVersion', '202').headers,
      )) {
        expect(names).toContain(header.toLowerCase());
        expect(url).toMatch(/^https:\/\/[^/]+\/.*\?api-version=/);
      }
      for (const url of Object.values(ours))
        expect(url).toMatch(/^https:\/\/[^/]+\/.*\?api-version=/);
    });
  });

  describe("the simulator's answers have the shape of the official examples", () => {
    let h: ArmHarness;
    let answers: Record<SimCovered, SimAnswer>;
    beforeAll(async () => {
      h = await startArm('demo');
      answers = await simAnswers(h);
    });
    afterAll(() => h?.close());

    const covered = PAIRS.filter((p): p is Pair & { ours: SimCovered } =>
      (SIM_COVERED as readonly string[]).includes(p.ours),
    );
    it.each(covered.map((p) => [p.ours, p] as const))('%s', (name, pair) => {
      expect(String(answers[name].status)).toBe(pair.status);
      expect(mismatches(pair, answers[name].body)).toEqual([]);
    });
  });
});
