import { terminalSafeJson, visibleDeep } from '../visible-text.js';
import type { AuditReport } from './audit-schema.js';
import { renderAuditMarkdown } from './render-markdown.js';
import { renderAuditTable } from './render-table.js';

/** The output formats of `aks-runbook audit --output`. */
export const AUDIT_FORMATS = ['json', 'markdown', 'table'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/**
 * The report in the chosen format, ending with a newline. Every string in it came from the
 * cluster or Azure: JSON escapes what a terminal would act on, the text formats show it visibly.
 */
export function renderAudit(report: AuditReport, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return terminalSafeJson(JSON.stringify(report, null, 2)) + '\n';
    case 'markdown':
      return renderAuditMarkdown(visibleDeep(report));
    case 'table':
      return renderAuditTable(visibleDeep(report));
  }
}
