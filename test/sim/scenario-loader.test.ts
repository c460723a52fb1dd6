// The scenario loader: built-ins, folders, single files, List and multi-document YAML, and errors
// that name the file and the line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, scenarioFromFiles, ScenarioError } from '../../src/sim/scenario.js';
import { builtInScenarios } from '../../src/sim/scenarios/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { minimalDescriptor } from '../helpers/scenario-descriptor.js';

const DESCRIPTOR = minimalDescriptor();

describe('loadScenario', () => {
  it('loads every built-in scenario, each object accepted by the API server checks', async () => {
    for (const name of Object.keys(builtInScenarios)) {
      const s = await loadScenario(name);
      expect(s.descriptor.cluster.pools.length, name).toBeGreaterThan(0);
      expect(s.descriptor.kubernetesMinor, name).toMatch(/^\d+$/);
    }
  });

  it('demo has a Windows pool, a kured node, Defender off and a directly bound user', async () => {
    const s = await loadScenario('demo');
    const pools = s.descriptor.cluster.pools;
    expect(pools.some((p) => p.osType === 'Windows')).toBe(true);
    expect(pools.reduce((n, p) => n + p.count, 0)).toBe(6);
    expect(
      pools.some((p) =>
        p.nodes?.some((n) => n.annotations?.['weave.works/kured-reboot-in-progress']),
      ),
    ).toBe(true);
    expect(s.descriptor.cluster.defender).toBeUndefined();
    const kinds = s.objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toContain('ClusterRoleBinding/jordan-cluster-admin');
    expect(kinds).toContain('Deployment/log-shipper');
    expect(kinds).toContain('PodDisruptionBudget/orders-db');
  });

  it('reads a folder with multi-document files and kind: List', async () => {
    const dir = tempDir('scenario-');
    writeFileSync(join(dir, 'aks.yaml'), DESCRIPTOR);
    writeFileSync(
      join(dir, 'objects.yaml'),
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata:\n      name: b\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata:\n      name: c\n      namespace: a\n`,
    );
    const s = await loadScenario(dir);
    expect(s.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/a',
      'Namespace/b',
      'ServiceAccount/c',
    ]);
  });

  it('names the file and line of an unknown field', () => {
    const text = DESCRIPTOR.replace('      count: 1\n', '      count: 1\n      maxSurges: 2\n');
    expect(() => scenarioFromFiles('x', [{ name: 'x/aks.yaml', text }])).toThrow(ScenarioError);
    expect(() => scenarioFromFiles('x', [{ name: 'x/aks.yaml', text }])).toThrow(
      /^x\/aks\.yaml:11: unknown field "cluster\.pools\.0\.maxSurges"/,
    );
  });

  it('names the file and line of a wrong value', () => {
    const text = DESCRIPTOR.replace('count: 1', 'count: many');
    expect(() => scenarioFromFiles('x', [{ name: 'x/aks.yaml', text }])).toThrow(
      /^x\/aks\.yaml:10: cluster\.pools\.0\.count/,
    );
  });

  it('names the file and line of a Kubernetes object without a name', () => {
    const files = [
      { name: 'aks.yaml', text: DESCRIPTOR },
      {
        name: 'objs.yaml',
        text: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      namespace: x\n',
      },
    ];
    expect(() => scenarioFromFiles('x', files)).toThrow(
      /^objs\.yaml:7: Pod: metadata\.name is required/,
    );
  });

  it('refuses a scenario without descriptor, a bad YAML, and an unknown name', async () => {
    expect(() =>
      scenarioFromFiles('x', [
        { name: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' },
      ]),
    ).toThrow(/no AKS descriptor/);
    expect(() => scenarioFromFiles('x', [{ name: 'a.yaml', text: 'a: [1, 2\n' }])).toThrow(
      /^a\.yaml:\d+: /,
    );
    await expect(loadScenario('no-such-scenario')).rejects.toThrow(/not a built-in one/);
  });
});
