// The report formats the command line offers, apart from the renderers: parsing the arguments
// (every start, the interactive one too) does not load the code that writes reports.

/** The output formats of `aks-runbook audit --output`. */
export const AUDIT_FORMATS = ['json', 'markdown', 'table', 'sarif', 'junit'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Formats of `fleet inventory --output`. */
export const INVENTORY_FORMATS = ['table', 'json', 'markdown'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];
