import { terminalSafeJson, visibleDeep } from '../model/visible-text.js';
import type { AuditReport } from './audit-schema.js';
import { batched, jsonChunks } from './json-chunks.js';
import { junitXml } from './render-junit.js';
import { renderAuditMarkdown } from './render-markdown.js';
import { sarifLog } from './render-sarif.js';
import { renderAuditTable } from './render-table.js';
import type { AuditFormat } from './formats.js';

export { AUDIT_FORMATS, type AuditFormat } from './formats.js';

/**
 * The report in the chosen format, ending with a newline. Every string in it came from the
 * cluster or Azure: JSON and SARIF escape what a terminal would act on, the text formats and
 * JUnit XML show it visibly.
 */
export function renderAudit(report: AuditReport, format: AuditFormat): string {
  return [...renderAuditPieces(report, format)].join('');
}

/**
 * `renderAudit` in pieces that join to the same text: the JSON report (megabytes on a large
 * cluster) is never held whole; the other formats are one piece.
 */
export function* renderAuditPieces(report: AuditReport, format: AuditFormat): Generator<string> {
  if (format !== 'json') {
    yield renderAuditText(report, format);
    return;
  }
  // Each piece ends between two JSON values, never inside a string: escaping piece by piece is
  // escaping the whole.
  for (const piece of batched(jsonChunks(report))) yield terminalSafeJson(piece);
  yield '\n';
}

function renderAuditText(report: AuditReport, format: Exclude<AuditFormat, 'json'>): string {
  switch (format) {
    case 'markdown':
      return renderAuditMarkdown(visibleDeep(report));
    case 'table':
      return renderAuditTable(visibleDeep(report));
    case 'sarif':
      return sarifText(sarifLog([{ label: report.cluster.name, report }], report.tool));
    case 'junit':
      return junitXml([{ label: report.cluster.name, report }]);
  }
}

/** A SARIF log as text: JSON, escaped like the JSON report. */
export function sarifText(log: object): string {
  return terminalSafeJson(JSON.stringify(log, null, 2)) + '\n';
}
