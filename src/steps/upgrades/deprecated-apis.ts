import {
  kindsToRead,
  REMOVALS_CHECKED_THROUGH,
  REMOVALS_SOURCE,
} from '../../checks/versions/api-removals.js';
import { deprecatedApiFindings } from '../../checks/versions/deprecated-findings.js';
import { lastAppliedUses, metricUses, type ApiUse } from '../../checks/versions/deprecated-uses.js';
import { readApiServerMetrics } from '../../kube/api-server-metrics.js';
import {
  kindUnread,
  listKinds,
  storedObjectsOf,
  type KindRead,
  type KindUnread,
} from '../../kube/deprecated-api-reads.js';
import { lookAtHelmReleases } from '../../target/helm-uses.js';
import {
  cronJobsOf,
  daemonSetsOf,
  deploymentsOf,
  networkPoliciesOf,
  pdbsOf,
  rbacObjectsOf,
  statefulSetsOf,
} from '../../kube/shared-reads.js';
import type { RbacObjects } from '../../model/rbac.js';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
import { failureKind, failureOf } from '../../target/failure.js';
import type { Connection } from '../../model/connection.js';
import type { Finding } from '../../model/finding.js';
import { plural } from '../../model/plural.js';

/** What the deprecated-API look found, and the lines the summary shows about its sources. */
export interface DeprecatedApiLook {
  findings: Finding[];
  /** Every use seen, for judging each candidate target (the chooser, the confirmation). */
  uses: ApiUse[];
  summary: string[];
}

function unreadable(what: string, why: string): Finding {
  return {
    id: 'versions.forbidden',
    severity: 'low',
    message: `Could not check ${what} for deprecated APIs: ${why}`,
    remediation:
      'Ask for read access to it (or check it another way, e.g. the Azure portal deprecated-API insight); until then this source has not passed.',
  };
}

/** The three sources of deprecated-API uses as read, before any target is judged. */
export interface DeprecatedApiSources {
  metrics: { text: string } | { unreadable: string };
  helm: Awaited<ReturnType<typeof lookAtHelmReleases>>;
  kinds: KindRead[];
}

/**
 * Reads the three sources of deprecated-API uses — the API server's
 * `apiserver_requested_deprecated_apis` metric, stored objects' last-applied configuration and
 * the latest revision of each Helm release — all at once. They need only the served versions,
 * so a caller can read them while it still waits for the versions to judge against (ARM).
 */
export async function readDeprecatedApiSources(
  connection: Connection,
  served: readonly string[],
  signal?: AbortSignal,
): Promise<DeprecatedApiSources> {
  const kc = connection.kc;
  // A failed read says what could not be reached and what to do: the finding reaches the report.
  // A refusal names the right it needs; a refusal is told by its kind, not its words.
  const metricsRead = readApiServerMetrics(kc, signal).catch((e: unknown) => ({
    unreadable:
      failureKind(e) === 'forbidden'
        ? "the API server's /metrics: forbidden (it needs get on the non-resource URL /metrics)"
        : failureOf(e, connection, "read the API server's /metrics").line,
  }));
  const helmRead = lookAtHelmReleases(kc, signal);
  const kindsRead = readStoredKinds(connection, served, signal);
  helmRead.catch(() => undefined);
  kindsRead.catch(() => undefined);
  const metrics = await metricsRead;
  const helm = await helmRead;
  const kinds = await kindsRead;
  return { metrics, helm, kinds };
}

/** The findings and summary of the deprecated-API look, from its sources as read. */
export function judgeDeprecatedApis(
  { metrics, helm, kinds }: DeprecatedApiSources,
  current: string,
  target: string | undefined,
): DeprecatedApiLook {
  const uses: ApiUse[] = [];
  const notes: Finding[] = [];
  // The notes keep the order metric, Helm, stored objects, whatever answered first.
  if ('text' in metrics) uses.push(...metricUses(metrics.text));
  else notes.push(unreadable('client requests', metrics.unreadable));
  uses.push(...helm.uses);
  notes.push(...helm.unreadable.map(([what, why]) => unreadable(what, why)));
  const releases = helm.releases;
  let objects = 0;
  for (const k of kinds) {
    if ('unreadable' in k) continue; // said below, unless the server does not serve the kind
    objects += k.items.length;
    uses.push(...lastAppliedUses(storedObjectsOf(k)));
  }
  const unread = (why: KindUnread) => kinds.filter((k) => 'unreadable' in k && k.why === why);
  const refused = unread('forbidden');
  if (refused.length)
    notes.push(
      unreadable(`stored ${refused.map((k) => k.kind).join(', ')}`, 'listing is forbidden'),
    );
  // A kind whose list failed is unchecked: said, never read as holding no old objects.
  for (const k of unread('failed'))
    if ('unreadable' in k) notes.push(unreadable(`stored ${k.kind}`, k.unreadable));
  const findings = deprecatedApiFindings({ uses, current, target });
  return {
    findings: [...findings, ...notes],
    uses,
    summary: [
      `Deprecated API use: ${plural(findings.length, 'API')} in use — from ${'text' in metrics ? 'the API server metric' : 'no metric (unreadable)'}, ${plural(objects, 'stored object')} of ${plural(kinds.length - kinds.filter((k) => 'unreadable' in k).length, 'kind')}, ${plural(releases, 'Helm release')} (Secret and ConfigMap records, the revision Helm treats as current).`,
      `  Removals table: ${REMOVALS_SOURCE}, through ${REMOVALS_CHECKED_THROUGH}.`,
      '  Client names: the metric has none; findings from it carry the audit-log (kube-audit) query that lists user agents.',
    ],
  };
}

/**
 * Stored objects of every kind whose versions the removals table names, as served. Kinds other
 * checks list too come from the session's shared reads (PDBs, Deployments, StatefulSets, DaemonSets,
 * CronJobs, NetworkPolicies and the four RBAC kinds), when the version served is the one those
 * reads use.
 */
async function readStoredKinds(
  connection: Connection,
  served: readonly string[],
  signal?: AbortSignal,
): Promise<KindRead[]> {
  const rbac = (kind: string, list: keyof RbacObjects, plural: string) => async () => {
    const read = await rbacObjectsOf(connection);
    return read.forbidden.includes(plural)
      ? { apiVersion: RBAC_V1, kind, unreadable: 'listing is forbidden', why: 'forbidden' as const }
      : { apiVersion: RBAC_V1, kind, items: read[list] };
  };
  const sharedKinds: Record<string, { apiVersion: string; read: () => Promise<KindRead> }> = {
    PodDisruptionBudget: {
      apiVersion: 'policy/v1',
      read: async () => ({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        items: await pdbsOf(connection, signal),
      }),
    },
    DaemonSet: {
      apiVersion: 'apps/v1',
      read: async () => ({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        items: await daemonSetsOf(connection, signal),
      }),
    },
    Deployment: {
      apiVersion: 'apps/v1',
      read: async () => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        items: await deploymentsOf(connection, signal),
      }),
    },
    StatefulSet: {
      apiVersion: 'apps/v1',
      read: async () => ({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        items: await statefulSetsOf(connection, signal),
      }),
    },
    CronJob: {
      apiVersion: 'batch/v1',
      read: async () => ({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        items: await cronJobsOf(connection, signal),
      }),
    },
    NetworkPolicy: {
      apiVersion: 'networking.k8s.io/v1',
      read: async () => ({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        items: await networkPoliciesOf(connection),
      }),
    },
    Role: { apiVersion: RBAC_V1, read: rbac('Role', 'roles', 'roles') },
    RoleBinding: { apiVersion: RBAC_V1, read: rbac('RoleBinding', 'roleBindings', 'rolebindings') },
    ClusterRole: { apiVersion: RBAC_V1, read: rbac('ClusterRole', 'clusterRoles', 'clusterroles') },
    ClusterRoleBinding: {
      apiVersion: RBAC_V1,
      read: rbac('ClusterRoleBinding', 'clusterRoleBindings', 'clusterrolebindings'),
    },
  };
  const isShared = (k: { apiVersion: string; kind: string }): boolean =>
    sharedKinds[k.kind]?.apiVersion === k.apiVersion;
  const wanted = kindsToRead(served);
  const own = wanted.filter((k) => !isShared(k));
  const [shared, owned] = await Promise.all([
    Promise.all(
      wanted
        .filter(isShared)
        .map((k) =>
          sharedKinds[k.kind]!.read().catch((e: unknown) =>
            kindUnread(k, e, connection.kubeServer),
          ),
        ),
    ),
    listKinds(connection.kc, own, signal),
  ]);
  return [...shared, ...owned];
}
