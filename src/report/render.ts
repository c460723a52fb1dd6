import { terminalSafeJson, visibleDeep } from '../model/visible-text.js';
import type { AuditReport } from './audit-schema.js';
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
  switch (format) {
    case 'json':
      return terminalSafeJson(JSON.stringify(report, null, 2)) + '\n';
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
