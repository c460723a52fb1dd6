// Windows pods are judged by whether the engine enforces NetworkPolicy on Windows nodes, per
// Microsoft's engine table (https://learn.microsoft.com/azure/aks/use-network-policies): Calico on
// Windows Server 2019 and 2022, Azure NPM on Windows Server 2022 only as a preview (and its
// Windows translation refuses an ipBlock except), Cilium on Linux only.
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../../src/checks/imds/engine.js';
import { proposalsFor } from '../../../src/checks/imds/proposals.js';
import { buildRows } from '../../../src/steps/imds/rows.js';
import { viewText } from '../../../src/steps/contract/view.js';

const ns = 'winapps';
function engine(networkPolicy: string): EngineFacts {
  return {
    known: true,
    networkPlugin: 'azure',
    networkPolicy,
    resourceGroup: 'rg',
    cluster: 'aks',
  };
}
function facts(networkPolicy: string, policies: ImdsFacts['policies']): ImdsFacts {
  return {
    engine: engine(networkPolicy),
    namespaces: [{ name: ns, labels: { 'kubernetes.io/metadata.name': ns } }],
    pods: [
      { namespace: ns, name: 'iis-1', labels: { app: 'iis' }, hostNetwork: false, windows: true },
      { namespace: ns, name: 'web-1', labels: { app: 'web' }, hostNetwork: false },
    ],
    policies,
  };
}
const denyAll = [
  { namespace: ns, name: 'deny', podSelector: {}, policyTypes: ['Egress'], egress: [] },
];
const windowsFindings = (f: ImdsFacts) =>
  assessImds(f).findings.filter((x) => x.object?.name === ns && /Windows/.test(x.message));

describe('imds: Windows pods', () => {
  it('under Azure NPM or Cilium a blocked namespace with Windows pods is reported, naming them and why', () => {
    for (const engineName of ['azure', 'cilium']) {
      const found = windowsFindings(facts(engineName, denyAll));
      expect(
        found.map((x) => x.id),
        engineName,
      ).toEqual(['imds.namespace-exposed']);
      expect(found[0]!.message).toContain('iis-1');
      expect(found[0]!.message).not.toContain('web-1');
    }
  });

  it('under Calico, which enforces on Windows, it stays blocked with no finding', () => {
    const f = facts('calico', denyAll);
    expect(assessImds(f).findings.filter((x) => x.object?.name === ns)).toEqual([]);
  });

  it('offers no except-based policy where Windows pods would not be held by it', () => {
    const f = facts('azure', []);
    const assessment = assessImds(f);
    const traits = engineTraits(f.engine);
    const [row] = buildRows(
      assessment,
      proposalsFor(f, assessment, traits),
      new Set([ns]),
      new Map(),
      traits,
    );
    expect(row!.action).toBe('none');
    expect(viewText(row!.details)).toMatch(/Not offered here: iis-1 run on Windows/);
  });

  it('offers no targeted policy for Windows pods that no egress policy selects', () => {
    const onlyWeb = [
      {
        namespace: ns,
        name: 'web-deny',
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [],
      },
    ];
    const f = facts('azure', onlyWeb);
    const assessment = assessImds(f);
    const fixes = proposalsFor(f, assessment, engineTraits(f.engine)).get(ns) ?? [];
    expect(fixes.map((x) => [x.offered, x.title.slice(0, 40)])).toEqual([
      [false, 'No targeted policy for iis-1: they run o'],
    ]);
  });
});
