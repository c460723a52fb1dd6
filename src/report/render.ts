import type { AuditReport } from './audit-schema.js';
import { renderAuditMarkdown } from './render-markdown.js';
import { renderAuditTable } from './render-table.js';

/** The output formats of `aks-runbook audit --output`. */
export const AUDIT_FORMATS = ['json', 'markdown', 'table'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The report in the chosen format, ending with a newline. */
export function renderAudit(report: AuditReport, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return renderAuditMarkdown(report);
    case 'table':
      return renderAuditTable(report);
  }
}
