// What each candidate target would break, from the uses already gathered (pure, no cluster).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_REMOVALS } from '../../src/checks/versions/api-removals.js';
import type { ApiUse } from '../../src/checks/versions/deprecated-uses.js';
import { breakDetails, brokenBy, targetBreaks } from '../../src/checks/versions/target-breaks.js';

/** One stored object last applied at every removed group/version of the table. */
const everyRemoval: ApiUse[] = API_REMOVALS.map((r, i) => ({
  source: 'last-applied',
  group: r.group,
  version: r.version,
  kind: r.kind,
  object: { kind: r.kind, name: `obj-${i}` },
}));

const flowHelm: ApiUse = {
  source: 'helm',
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1beta3',
  kind: 'FlowSchema',
  object: { kind: 'FlowSchema', name: 'report-api', namespace: 'reporting' },
  release: { namespace: 'reporting', name: 'report-api', revision: 2 },
};
const flowApplied: ApiUse = {
  source: 'last-applied',
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1beta3',
  kind: 'FlowSchema',
  object: { kind: 'FlowSchema', name: 'batch-low' },
};
const flowClients: ApiUse = {
  source: 'metric',
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1beta3',
  resource: 'flowschemas',
  removedRelease: '1.32',
};
const cronApplied: ApiUse = {
  source: 'last-applied',
  group: 'batch',
  version: 'v1beta1',
  kind: 'CronJob',
  object: { kind: 'CronJob', name: 'nightly', namespace: 'reporting' },
};
const hpaHelm: ApiUse = {
  source: 'helm',
  group: 'autoscaling',
  version: 'v2beta2',
  kind: 'HorizontalPodAutoscaler',
  object: { kind: 'HorizontalPodAutoscaler', name: 'web', namespace: 'shop' },
  release: { namespace: 'shop', name: 'web', revision: 7 },
};
const pspApplied: ApiUse = {
  source: 'last-applied',
  group: 'policy',
  version: 'v1beta1',
  kind: 'PodSecurityPolicy',
  object: { kind: 'PodSecurityPolicy', name: 'restricted' },
};

describe('what each candidate minor breaks', () => {
  // Counts read from the deprecation guide's sections (removals after 1.15, up to each minor).
  const cumulative: Array<[string, number]> = [
    ['1.16.0', 12],
    ['1.17.0', 12],
    ['1.21.0', 12],
    ['1.22.0', 35],
    ['1.24.0', 35],
    ['1.25.0', 42],
    ['1.26.0', 45],
    ['1.27.0', 46],
    ['1.28.0', 46],
    ['1.29.0', 48],
    ['1.31.0', 48],
    ['1.32.0', 50],
    ['1.33.0', 50],
  ];
  it.each(cumulative)('from 1.15, upgrading to %s breaks %i removed APIs', (target, n) => {
    expect(brokenBy(everyRemoval, '1.15.12', target)).toHaveLength(n);
  });

  it('skipping minors adds their removals up: 1.24 → 1.26 breaks what 1.25 and 1.26 removed', () => {
    const uses = [cronApplied, hpaHelm, flowHelm];
    const [to25, to26, to32] = targetBreaks(uses, '1.24.10', ['1.25.6', '1.26.3', '1.32.5']);
    expect(to25!.apis.map((a) => a.apiVersion)).toEqual(['batch/v1beta1']);
    expect(to26!.apis.map((a) => a.apiVersion).sort()).toEqual([
      'autoscaling/v2beta2',
      'batch/v1beta1',
    ]);
    expect(to26!.label).toMatch(/^2 removed APIs in use; worst: /);
    expect(to32!.apis).toHaveLength(3);
  });

  it('counts nothing the cluster already lost, nor anything a patch would remove', () => {
    const [patch, next] = targetBreaks([cronApplied, flowApplied], '1.31.7', ['1.31.8', '1.32.5']);
    expect(patch!.apis).toEqual([]);
    expect(patch!.label).toBe('patch: removes no API');
    // batch/v1beta1 went in 1.25: already broken on 1.31, not this upgrade's doing.
    expect(next!.apis.map((a) => a.apiVersion)).toEqual(['flowcontrol.apiserver.k8s.io/v1beta3']);
    expect(next!.label).toBe(
      '1 removed API in use; worst: FlowSchema flowcontrol.apiserver.k8s.io/v1beta3 in manifests',
    );
  });

  it('says "no removed API in use" for a clean next minor', () => {
    expect(targetBreaks([flowApplied], '1.32.5', ['1.33.1'])[0]!.label).toBe(
      'no removed API in use',
    );
  });

  it('puts the worst first: no replacement, then APIs clients call (AKS refuses), then manifests', () => {
    const apis = brokenBy(
      [cronApplied, flowApplied, flowClients, pspApplied, hpaHelm],
      '1.24.0',
      '1.32.0',
    );
    expect(apis.map((a) => a.kind)).toEqual([
      'PodSecurityPolicy',
      'FlowSchema',
      'CronJob',
      'HorizontalPodAutoscaler',
    ]);
    expect(apis[1]!.clients).toBe(true);
    const label = targetBreaks([flowClients], '1.31.8', ['1.32.5'])[0]!.label;
    expect(label).toContain('called by clients: AKS may refuse');
    expect(targetBreaks([pspApplied], '1.24.0', ['1.25.0'])[0]!.label).toContain('no replacement');
  });

  it('one entry per API with every place it is used; the confirmation names each and the replacement', () => {
    const [b] = targetBreaks([flowHelm, flowApplied, flowClients, flowApplied], '1.31.8', [
      '1.32.5',
    ]);
    expect(b!.apis).toHaveLength(1);
    expect(b!.apis[0]!.places).toEqual([
      'Helm release reporting/report-api (revision 2): FlowSchema reporting/report-api',
      'last applied as flowcontrol.apiserver.k8s.io/v1beta3: FlowSchema batch-low',
      'clients requested it (API server metric)',
    ]);
    const lines = breakDetails(b!).join('\n');
    expect(lines).toContain('Would break on 1.32.5');
    expect(lines).toContain(
      'FlowSchema flowcontrol.apiserver.k8s.io/v1beta3 (removed in 1.32) → move to flowcontrol.apiserver.k8s.io/v1',
    );
    expect(lines).toContain('Helm release reporting/report-api (revision 2)');
    expect(lines).toContain('FlowSchema batch-low');
    const psp = breakDetails(targetBreaks([pspApplied], '1.24.0', ['1.25.0'])[0]!).join('\n');
    expect(psp).toContain('no replacement: remove them');
  });

  it('beyond the table only the metric speaks, and the label says how far the table goes', () => {
    const future: ApiUse = {
      source: 'metric',
      group: 'example.k8s.io',
      version: 'v1beta1',
      resource: 'widgets',
      removedRelease: '1.36',
    };
    const [to35, to36] = targetBreaks([future], '1.34.2', ['1.35.1', '1.36.0']);
    expect(to35!.apis).toEqual([]);
    expect(to35!.beyondTable).toBe(true);
    expect(to35!.label).toMatch(/no removed API in use \(table checked through 1\.\d+\)/);
    expect(to36!.apis.map((a) => a.apiVersion)).toEqual(['example.k8s.io/v1beta1']);
    expect(breakDetails(to36!).join('\n')).toMatch(/not in this tool's table/);
  });

  it('property: a jump breaks exactly what its single steps break together', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 15, max: 33 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.subarray(everyRemoval),
        (from, a, b, uses) => {
          const mid = `1.${Math.min(from + a, 34)}.0`;
          const to = `1.${Math.min(from + a + b, 34)}.0`;
          const key = (x: { apiVersion: string; kind: string }) => `${x.apiVersion} ${x.kind}`;
          const jump = brokenBy(uses, `1.${from}.3`, to).map(key).sort();
          const steps = [...brokenBy(uses, `1.${from}.3`, mid), ...brokenBy(uses, mid, to)].map(
            key,
          );
          expect(jump).toEqual([...new Set(steps)].sort());
        },
      ),
    );
  });
});
