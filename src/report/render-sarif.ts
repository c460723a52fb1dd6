import { createHash } from 'node:crypto';
import type { Severity } from '../model/finding.js';
import type { AuditReport, ReportedFinding } from './audit-schema.js';
import { FINDING_MEANINGS, findingMeaning } from './finding-catalog.js';
import { objectName } from './markdown.js';
import { holeWords } from './gate-words.js';

/** Where SARIF readers find the schema this output follows. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const README_FINDINGS = 'https://github.com/aks-runbook/aks-runbook#finding-ids';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** One cluster for SARIF: its report, or why there is none (not reached, refused). */
export interface SarifCluster {
  label: string;
  report?: AuditReport;
  reason?: string;
}

/**
 * The audit as a SARIF 2.1.0 log: one run per cluster, one rule per finding id (its help is the
 * README's meaning), one result per finding with the object as a logical location; waived
 * findings carry an accepted suppression, and with a baseline each result its baseline state
 * (fixed ones as `absent`). Steps that could not finish are tool notifications.
 */
export function sarifLog(clusters: readonly SarifCluster[], tool: { version: string }): object {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: clusters.map((c) => sarifRun(c, tool.version)),
  };
}

function sarifRun(cluster: SarifCluster, version: string): object {
  const report = cluster.report;
  const found = report?.steps.flatMap((s) => s.findings) ?? [];
  const ids = [...new Set([...Object.keys(FINDING_MEANINGS), ...found.map((f) => f.id)])];
  const index = new Map(ids.map((id, i) => [id, i]));
  const name = report?.cluster.name ?? cluster.label;
  const result = (f: ReportedFinding, absent = false) =>
    sarifResult(f, name, index.get(f.id)!, report?.baseline !== undefined, absent);
  return {
    tool: {
      driver: {
        name: 'aks-runbook',
        version,
        informationUri: 'https://github.com/aks-runbook/aks-runbook',
        rules: ids.map(rule),
      },
    },
    automationDetails: { id: `aks-runbook/${cluster.label}/` },
    invocations: [invocation(cluster)],
    results: [
      ...found.map((f) => result(f)),
      ...(report?.baseline?.fixed ?? []).map((f) => result(f, true)),
    ],
    properties: { cluster: report?.cluster ?? { label: cluster.label }, failOn: report?.failOn },
  };
}

function rule(id: string): object {
  const meaning = findingMeaning(id);
  return {
    id,
    shortDescription: { text: plain(meaning) },
    fullDescription: { text: plain(meaning) },
    help: { text: plain(meaning), markdown: meaning },
    helpUri: README_FINDINGS,
    properties: { area: id.split('.')[0] },
  };
}

function sarifResult(
  f: ReportedFinding,
  cluster: string,
  ruleIndex: number,
  compared: boolean,
  absent: boolean,
): object {
  const object = objectName(f.object);
  const text = linkless(f.remediation ? `${f.message} Fix: ${f.remediation}` : f.message);
  const out: Record<string, unknown> = {
    ruleId: f.id,
    ruleIndex,
    // A fixed finding is reported as passing now; SARIF wants no level other than none for it.
    ...(absent ? { kind: 'pass', level: 'none' } : { kind: 'fail', level: LEVELS[f.severity] }),
    message: { text },
    locations: [
      {
        logicalLocations: [
          {
            name: f.object?.name ?? cluster,
            fullyQualifiedName: object ? `${cluster}/${object}` : cluster,
            kind: 'resource',
          },
        ],
      },
    ],
    partialFingerprints: {
      'aksRunbookFinding/v1': createHash('sha256')
        .update(`${cluster}\0${f.id}\0${object}`)
        .digest('hex'),
    },
    properties: { severity: f.severity, step: f.step },
  };
  if (compared) out['baselineState'] = absent ? 'absent' : f.change === 'new' ? 'new' : 'unchanged';
  if (f.waiver) {
    out['suppressions'] = [
      {
        kind: 'external',
        status: 'accepted',
        justification: `${f.waiver.reason} (owner ${f.waiver.owner}, until ${f.waiver.expires}; ${f.waiver.file} entry ${f.waiver.entry})`,
      },
    ];
  }
  return out;
}

/** Whether the run finished whole; every hole (see holeWords) is an error notification. */
function invocation(cluster: SarifCluster): object {
  const report = cluster.report;
  const holes = report ? holeWords(report) : [];
  const notices = [
    ...(report
      ? []
      : [
          {
            level: 'error',
            message: { text: linkless(`not audited: ${cluster.reason ?? 'unknown'}`) },
          },
        ]),
    // Every hole is an error: the run did not check what that step looks at.
    ...holes.map((text) => ({ level: 'error', message: { text: linkless(text) } })),
  ];
  return {
    executionSuccessful: report !== undefined && report.exitCode !== 2,
    exitCode: report?.exitCode ?? 2,
    ...(report ? { endTimeUtc: report.generatedAt } : {}),
    ...(notices.length > 0 ? { toolExecutionNotifications: notices } : {}),
  };
}

/**
 * Message text built from cluster or Azure data, with no embedded link in it: SARIF 2.1.0 §3.11.6
 * reads `[text](destination)` in a plain text message as a link, and escapes a literal `[`, `]` or
 * `\` with a backslash. Escaping all three in the data means none can open or close a link. None
 * of our messages carries a link of its own.
 */
export function linkless(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&');
}

/** Markdown code marks left out for plain-text readers. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}
