import { gzipSync } from 'node:zlib';
import type { KubeObject } from '../contracts.js';
import type { BuiltInScenario } from './types.js';
import { ADMIN_GROUP, IMAGES, REGION_VERSIONS } from './versions.js';

// A 1.31 cluster that still uses APIs 1.32 removes: a FlowSchema applied as
// flowcontrol.apiserver.k8s.io/v1beta3, a CronJob last applied as batch/v1beta1 (gone since
// 1.25), a Helm release (Secret driver) whose newest revision renders a v1beta3 FlowSchema, one
// stored with the ConfigMap driver whose deployed revision renders a v1beta3
// PriorityLevelConfiguration (its newer revision failed), and clients that wrote through v1beta3
// before the session. The API server serves v1beta3, so kubectl can add more.

const descriptor = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: "A 1.31 cluster whose manifests, Helm release and clients use APIs that 1.32 removes."
cluster:
  resourceGroup: rg-upgrade-readiness
  name: aks-upgrade-readiness
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
    adminGroupObjectIDs: [${ADMIN_GROUP}]
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${REGION_VERSIONS}operator:
  user: operator@contoso.com
  groups: [${ADMIN_GROUP}]
clockSpeed: 600
deprecatedApis:
  serve: true
  requested:
    - group: flowcontrol.apiserver.k8s.io
      version: v1beta3
      resource: prioritylevelconfigurations
      removedRelease: "1.32"
      write: true
`;

const lastApplied = (o: object): string => JSON.stringify(o);

const objects = `apiVersion: v1
kind: Namespace
metadata:
  name: reporting
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-export
  namespace: reporting
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${lastApplied({
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'nightly-export', namespace: 'reporting' },
      spec: { schedule: '0 2 * * *' },
    })}'
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: export
              image: contoso.azurecr.io/export:1.4.0
---
apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: batch-low
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${lastApplied({
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
      kind: 'FlowSchema',
      metadata: { name: 'batch-low' },
    })}'
spec:
  matchingPrecedence: 9000
  priorityLevelConfiguration:
    name: workload-low
`;

/** The manifest Helm renders for revision `n` of the `report-api` release. */
function manifest(revision: number): string {
  const flow =
    revision === 1
      ? 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: report-cleanup\n'
      : 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: report-api\n';
  return `---\n# Source: report-api/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: report-api\n---\n# Source: report-api/templates/extra.yaml\n${flow}`;
}

/** Helm's own text for a release: the release as JSON, gzipped, base64 (both drivers store it). */
function helmText(name: string, revision: number, status: string, manifest: string): string {
  const release = {
    name,
    namespace: 'reporting',
    version: revision,
    info: { status, first_deployed: '2026-03-02T10:00:00Z', last_deployed: '2026-03-02T10:00:00Z' },
    chart: { metadata: { name, version: `0.${revision}.0`, apiVersion: 'v2' } },
    config: {},
    manifest,
  };
  return gzipSync(JSON.stringify(release), { level: 9 }).toString('base64');
}

/** The object metadata Helm gives a release record of either driver. */
function helmMeta(name: string, revision: number, status: string) {
  return {
    name: `sh.helm.release.v1.${name}.v${revision}`,
    namespace: 'reporting',
    labels: { owner: 'helm', name, status, version: String(revision) },
  };
}

/**
 * A record as the Secret storage driver (Helm's default) writes it: Helm's text in
 * `data.release`, which the API then base64-encodes again as Secret data.
 */
function helmSecret(revision: number, status: string): KubeObject {
  const text = helmText('report-api', revision, status, manifest(revision));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: helmMeta('report-api', revision, status),
    data: { release: Buffer.from(text).toString('base64') },
  };
}

/** What each revision of the ConfigMap-stored `batch-jobs` release rendered. */
const BATCH_JOBS: Record<number, string> = {
  1: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: jobs-old\n',
  2: 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\nmetadata:\n  name: jobs-low\n',
  3: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: jobs-web\n',
};

/** A record as the ConfigMap driver (`HELM_DRIVER=configmap`) writes it: Helm's text as is. */
function helmConfigMap(revision: number, status: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: helmMeta('batch-jobs', revision, status),
    data: { release: helmText('batch-jobs', revision, status, BATCH_JOBS[revision]!) },
  };
}

/** The upgrade-readiness scenario. */
export function upgradeReadiness(): BuiltInScenario {
  return {
    files: [
      { name: 'upgrade-readiness/cluster.yaml', text: descriptor },
      { name: 'upgrade-readiness/objects.yaml', text: objects },
    ],
    objects: () => [
      helmSecret(1, 'superseded'),
      helmSecret(2, 'deployed'),
      // Revision 3 failed: Helm keeps treating revision 2 as the current release.
      helmConfigMap(1, 'superseded'),
      helmConfigMap(2, 'deployed'),
      helmConfigMap(3, 'failed'),
    ],
  };
}
