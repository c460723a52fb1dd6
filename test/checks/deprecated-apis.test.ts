// The deprecated-API check: the removals table, each fact source, and the one verdict per API.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { API_REMOVALS, removalOf } from '../../src/checks/versions/api-removals.js';
import { deprecatedCallersQuery } from '../../src/checks/versions/audit-query.js';
import { deprecatedApiFindings } from '../../src/checks/versions/deprecated-findings.js';
import {
  helmUses,
  lastAppliedUses,
  metricUses,
} from '../../src/checks/versions/deprecated-uses.js';
import {
  decodeHelmRecord,
  decodeHelmRelease,
  latestReleaseSecrets,
  type HelmSecret,
} from '../../src/checks/versions/helm-release.js';

/** `data.release` as the JSON API returns it: Helm's base64(gzip(JSON)), base64-encoded again. */
function helmRecord(release: object): string {
  const helmText = gzipSync(JSON.stringify(release), { level: 9 }).toString('base64');
  return Buffer.from(helmText).toString('base64');
}

const CRON_MANIFEST = `---
# Source: legacy/templates/cron.yaml
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 2 * * *"
---
# Source: legacy/templates/svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: legacy
`;

describe('the removals table', () => {
  it('names group, version, resource, kind, removal minor and a replacement apiVersion', () => {
    expect(API_REMOVALS.length).toBeGreaterThan(40);
    for (const r of API_REMOVALS) {
      expect(r.removedIn).toMatch(/^1\.\d+$/);
      expect(r.resource).toMatch(/^[a-z]+$/);
      if (r.replacement) expect(r.replacement).toMatch(/^[a-z0-9.]+\/v\d+(beta\d+)?$|^v1$/);
    }
    expect(removalOf('batch', 'v1beta1', { kind: 'CronJob' })?.removedIn).toBe('1.25');
    expect(removalOf('extensions', 'v1beta1', { resource: 'ingresses' })?.replacement).toBe(
      'networking.k8s.io/v1',
    );
    expect(removalOf('policy', 'v1beta1', { kind: 'PodSecurityPolicy' })?.replacement).toBe(
      undefined,
    );
    expect(
      removalOf('flowcontrol.apiserver.k8s.io', 'v1beta3', { kind: 'FlowSchema' }),
    ).toMatchObject({
      removedIn: '1.32',
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
    });
    expect(removalOf('apps', 'v1', { kind: 'Deployment' })).toBeUndefined();
  });
});

describe('source (a): the apiserver_requested_deprecated_apis metric', () => {
  const text = [
    '# HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.',
    '# TYPE apiserver_requested_deprecated_apis gauge',
    'apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="flowschemas",subresource="",version="v1beta3"} 1',
    'apiserver_requested_deprecated_apis{group="example.com",removed_release="",resource="widgets",subresource="",version="v1alpha1"} 1',
    'apiserver_request_total{code="200"} 7',
  ].join('\n');

  it('reads each requested deprecated API with its labels', () => {
    expect(metricUses(text)).toEqual([
      {
        source: 'metric',
        group: 'flowcontrol.apiserver.k8s.io',
        version: 'v1beta3',
        resource: 'flowschemas',
        removedRelease: '1.32',
      },
      {
        source: 'metric',
        group: 'example.com',
        version: 'v1alpha1',
        resource: 'widgets',
        removedRelease: undefined,
      },
    ]);
  });

  it('is high when the target removes it, naming the replacement', () => {
    const findings = deprecatedApiFindings({
      uses: metricUses(text),
      current: '1.31.8',
      target: '1.32.5',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'versions.deprecated-api-in-use', severity: 'high' });
    expect(findings[0]!.message).toContain('clients requested it');
    expect(findings[0]!.remediation).toContain('flowcontrol.apiserver.k8s.io/v1');
  });

  it('trusts the removed_release label for APIs the table does not list', () => {
    const uses = metricUses(
      'apiserver_requested_deprecated_apis{group="x.io",removed_release="1.40",resource="things",subresource="",version="v1beta1"} 1',
    );
    const [f] = deprecatedApiFindings({ uses, current: '1.31.8', target: '1.32.5' });
    expect(f).toMatchObject({ severity: 'low' });
    expect(f!.message).toContain('removed in 1.40');
  });
});

describe('source (b): last-applied configuration', () => {
  const ingress = {
    kind: 'Ingress',
    name: 'front',
    namespace: 'web',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
        apiVersion: 'networking.k8s.io/v1beta1',
        kind: 'Ingress',
        metadata: { name: 'front', namespace: 'web' },
      }),
    },
  };

  it('reads the apiVersion kubectl apply was given, not the one the object is stored in', () => {
    expect(lastAppliedUses([ingress, { kind: 'Ingress', name: 'plain' }])).toEqual([
      {
        source: 'last-applied',
        group: 'networking.k8s.io',
        version: 'v1beta1',
        kind: 'Ingress',
        object: { kind: 'Ingress', name: 'front', namespace: 'web' },
      },
    ]);
  });

  it('ignores an annotation that is not JSON', () => {
    const bad = {
      ...ingress,
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{' },
    };
    expect(lastAppliedUses([bad])).toEqual([]);
  });

  it('says an API already removed is stale (medium), names the object and the replacement', () => {
    const [f] = deprecatedApiFindings({
      uses: lastAppliedUses([ingress]),
      current: '1.31.8',
      target: '1.32.5',
    });
    expect(f).toMatchObject({
      severity: 'medium',
      object: { kind: 'Ingress', name: 'front', namespace: 'web' },
    });
    expect(f!.message).toContain('Ingress web/front');
    expect(f!.remediation).toContain('networking.k8s.io/v1');
  });
});

describe('source (c): Helm v3 release records (Secret and ConfigMap drivers)', () => {
  const release = (version: number, manifest: string, status = 'deployed') => ({
    name: 'legacy',
    namespace: 'jobs',
    version,
    info: { status, first_deployed: '2026-01-01T00:00:00Z' },
    chart: { metadata: { name: 'legacy', version: '0.1.0' } },
    config: {},
    manifest,
  });
  const secret = (revision: number, data: string): HelmSecret => ({
    namespace: 'jobs',
    name: `sh.helm.release.v1.legacy.v${revision}`,
    type: 'helm.sh/release.v1',
    labels: { owner: 'helm', name: 'legacy', status: 'superseded', version: String(revision) },
    release: data,
  });

  it('decodes a record written with the documented encoding', () => {
    const decoded = decodeHelmRelease(helmRecord(release(3, CRON_MANIFEST)));
    expect(decoded).toEqual({
      name: 'legacy',
      namespace: 'jobs',
      revision: 3,
      status: 'deployed',
      manifest: CRON_MANIFEST,
    });
  });

  it('decodes a legacy record that is not gzipped', () => {
    const helmText = Buffer.from(JSON.stringify(release(1, ''))).toString('base64');
    expect(decodeHelmRelease(Buffer.from(helmText).toString('base64')).revision).toBe(1);
  });

  it('reads only the latest revision of each release', () => {
    const old = secret(2, helmRecord(release(2, CRON_MANIFEST)));
    const latest = secret(
      10,
      helmRecord(release(10, CRON_MANIFEST.replace('batch/v1beta1', 'batch/v1'))),
    );
    const other = { ...secret(1, 'x'), namespace: 'other' };
    const kept = latestReleaseSecrets([latest, old, other]);
    expect(kept.map((s) => `${s.namespace}/${s.name}`)).toEqual([
      'jobs/sh.helm.release.v1.legacy.v10',
      'other/sh.helm.release.v1.legacy.v1',
    ]);
    expect(helmUses(decodeHelmRelease(latest.release!)).map((u) => u.version)).toEqual([
      'v1',
      'v1',
    ]);
  });

  it("decodes a ConfigMap-driver record: Helm's text as is, one base64 layer fewer", () => {
    const helmText = gzipSync(JSON.stringify(release(4, CRON_MANIFEST))).toString('base64');
    const decoded = decodeHelmRecord({
      driver: 'ConfigMap',
      namespace: 'jobs',
      name: 'sh.helm.release.v1.legacy.v4',
      labels: { owner: 'helm', name: 'legacy', status: 'deployed', version: '4' },
      release: helmText,
    });
    expect(decoded).toMatchObject({ name: 'legacy', revision: 4, manifest: CRON_MANIFEST });
    // The Secret path expects the extra base64 layer of Secret data.
    expect(decodeHelmRecord({ ...secret(4, helmRecord(release(4, ''))) }).revision).toBe(4);
  });

  // Which record stands for a release, by its labels, as `helm upgrade` picks the current one.
  const labelled = (revision: number, status: string, driver?: 'ConfigMap'): HelmSecret => ({
    ...(driver ? { driver } : {}),
    namespace: 'jobs',
    name: `sh.helm.release.v1.legacy.v${revision}`,
    ...(driver ? {} : { type: 'helm.sh/release.v1' }),
    labels: { owner: 'helm', name: 'legacy', status, version: String(revision) },
  });
  const picked = (...records: HelmSecret[]) =>
    latestReleaseSecrets(records).map((r) => `${r.labels['version']} ${r.labels['status']}`);
  it.each<[string, HelmSecret[], string[]]>([
    ['the newest, deployed', [labelled(1, 'superseded'), labelled(2, 'deployed')], ['2 deployed']],
    [
      'the deployed one when the newest failed',
      [labelled(1, 'superseded'), labelled(2, 'deployed'), labelled(3, 'failed')],
      ['2 deployed'],
    ],
    ['the newest failed when none is deployed', [labelled(1, 'failed')], ['1 failed']],
    [
      'the newest while it is being applied',
      [labelled(1, 'deployed'), labelled(2, 'pending-upgrade')],
      ['2 pending-upgrade'],
    ],
    [
      'nothing for an uninstalled release',
      [labelled(1, 'superseded'), labelled(2, 'uninstalled')],
      [],
    ],
    [
      'by revision number, not name order (v10 after v9)',
      [labelled(9, 'superseded'), labelled(10, 'deployed')],
      ['10 deployed'],
    ],
    [
      'the same with the ConfigMap driver',
      [labelled(1, 'deployed', 'ConfigMap'), labelled(2, 'failed', 'ConfigMap')],
      ['1 deployed'],
    ],
  ])('keeps %s', (_what, records, expected) => {
    expect(picked(...records.reverse())).toEqual(expected);
  });

  it('skips Secrets of another type, never ConfigMaps (they have none); reads the name suffix without labels', () => {
    const other = { ...labelled(1, 'deployed'), type: 'Opaque' };
    expect(latestReleaseSecrets([other])).toEqual([]);
    const cm = labelled(1, 'deployed', 'ConfigMap');
    expect(latestReleaseSecrets([cm])).toEqual([cm]);
    const bare = (n: number): HelmSecret => ({ ...labelled(n, ''), labels: { owner: 'helm' } });
    expect(latestReleaseSecrets([bare(2), bare(11)]).map((r) => r.name)).toEqual([
      'sh.helm.release.v1.legacy.v11',
    ]);
  });

  it('names the release, the object and the replacement; high when the target removes it', () => {
    const uses = helmUses(decodeHelmRelease(helmRecord(release(3, CRON_MANIFEST))));
    expect(uses[0]).toMatchObject({
      source: 'helm',
      group: 'batch',
      version: 'v1beta1',
      kind: 'CronJob',
      object: { kind: 'CronJob', name: 'nightly', namespace: 'jobs' },
      release: { namespace: 'jobs', name: 'legacy', revision: 3 },
    });
    const [f] = deprecatedApiFindings({ uses, current: '1.24.9', target: '1.25.4' });
    expect(f).toMatchObject({ id: 'versions.deprecated-api-in-use', severity: 'high' });
    expect(f!.message).toContain('Helm release jobs/legacy (revision 3): CronJob jobs/nightly');
    expect(f!.remediation).toContain('batch/v1');
  });
});

describe('one verdict per API', () => {
  it('merges the three sources of one API into one finding', () => {
    const uses = [
      {
        source: 'metric' as const,
        group: 'batch',
        version: 'v1beta1',
        resource: 'cronjobs',
        removedRelease: '1.25',
      },
      ...lastAppliedUses([
        {
          kind: 'CronJob',
          name: 'a',
          namespace: 'n',
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration':
              '{"apiVersion":"batch/v1beta1","kind":"CronJob"}',
          },
        },
      ]),
    ];
    const findings = deprecatedApiFindings({ uses, current: '1.24.9', target: undefined });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('low');
    expect(findings[0]!.message).toContain('clients requested it');
    expect(findings[0]!.message).toContain('CronJob n/a');
  });

  it('is silent for current APIs', () => {
    const uses = lastAppliedUses([
      {
        kind: 'Deployment',
        name: 'web',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"apiVersion":"apps/v1","kind":"Deployment"}',
        },
      },
    ]);
    expect(deprecatedApiFindings({ uses, current: '1.31.8', target: '1.32.5' })).toEqual([]);
  });
});

describe('who calls a deprecated API: the audit log, not the metric', () => {
  it('gives one pasteable KQL line per API, filtering on the audit annotation and the path', () => {
    const q = deprecatedCallersQuery('flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas');
    expect(q).not.toContain('\n');
    expect(q).toBe(
      'AKSAudit | where TimeGenerated > ago(1d) | where tostring(Annotations["k8s.io/deprecated"]) == "true" and RequestUri contains "/apis/flowcontrol.apiserver.k8s.io/v1beta3/" and RequestUri contains "/flowschemas" | summarize Requests = count(), LastSeen = max(TimeGenerated) by UserAgent, User = tostring(User.username), Verb | order by Requests desc',
    );
    expect(deprecatedCallersQuery('', 'v1', undefined, 'AKSAuditAdmin')).toMatch(
      /^AKSAuditAdmin \| .*RequestUri contains "\/api\/v1\/" \| summarize/,
    );
    expect(deprecatedCallersQuery('a"b', 'v1', 'x\\y')).toContain('"/apis/a\\"b/v1/"');
    expect(deprecatedCallersQuery('a"b', 'v1', 'x\\y')).toContain('"/x\\\\y"');
  });

  it('a finding with client requests says where their user agents are; manifests alone do not', () => {
    const metric = metricUses(
      'apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="flowschemas",subresource="",version="v1beta3"} 1\n',
    );
    const [f] = deprecatedApiFindings({ uses: metric, current: '1.31.8', target: '1.32.5' });
    expect(f!.remediation).toContain('metric does not name clients');
    expect(f!.remediation).toContain('kube-audit diagnostic category');
    expect(f!.remediation).toContain(
      deprecatedCallersQuery('flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas'),
    );
    const applied = lastAppliedUses([
      {
        kind: 'CronJob',
        name: 'n',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"apiVersion":"batch/v1beta1","kind":"CronJob"}',
        },
      },
    ]);
    const [g] = deprecatedApiFindings({ uses: applied, current: '1.24.1', target: '1.25.2' });
    expect(g!.remediation).not.toContain('AKSAudit');
  });
});
