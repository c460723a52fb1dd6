// Who called a deprecated API. The API server's apiserver_requested_deprecated_apis metric is
// labelled by group, version, resource, subresource and removed_release only: it never names a
// client, and AKS offers no other live source of user agents. Kubernetes marks each request to a
// deprecated version in its audit events (annotation k8s.io/deprecated "true", and
// k8s.io/removed-release), and AKS ships those events to Azure Monitor when the cluster's
// diagnostic settings send the kube-audit category (kube-audit-admin leaves out get and list).
// So the tool names no user agent itself; it gives the query that finds them there.

/** The Log Analytics table of each audit category in resource-specific mode. */
export const AUDIT_TABLES = { 'kube-audit': 'AKSAudit', 'kube-audit-admin': 'AKSAuditAdmin' };

/** The request path prefix of a group/version: `/api/v1/` for core, `/apis/<group>/<version>/`. */
function pathOf(group: string, version: string): string {
  return group ? `/apis/${group}/${version}/` : `/api/${version}/`;
}

/** KQL's double-quoted string literal (backslash and quote escaped). */
function kql(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * One line of KQL, ready to paste into the cluster's Log Analytics workspace: the clients (user
 * agent, user, verb) that called a deprecated group/version (and resource) in the last day.
 */
export function deprecatedCallersQuery(
  group: string,
  version: string,
  resource: string | undefined,
  table: string = AUDIT_TABLES['kube-audit'],
): string {
  const resourceFilter = resource ? ` and RequestUri contains ${kql(`/${resource}`)}` : '';
  return (
    `${table} | where TimeGenerated > ago(1d)` +
    ` | where tostring(Annotations["k8s.io/deprecated"]) == "true"` +
    ` and RequestUri contains ${kql(pathOf(group, version))}${resourceFilter}` +
    ` | summarize Requests = count(), LastSeen = max(TimeGenerated) by UserAgent, User = tostring(User.username), Verb` +
    ` | order by Requests desc`
  );
}

/** The finding's words on where the callers are named, with the query. */
export function whoCallsIt(group: string, version: string, resource: string | undefined): string {
  return `The API server's metric does not name clients; their user agents are in the audit log: send the kube-audit diagnostic category to Log Analytics (kube-audit-admin, table ${AUDIT_TABLES['kube-audit-admin']}, keeps writes only) and run: ${deprecatedCallersQuery(group, version, resource)}`;
}
