/** How bad a finding is; ordered from least to most severe. */
export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The Kubernetes or Azure object a finding is about. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** One thing a check found. `id` is a public, stable identifier (documented in the README). */
export interface Finding {
  id: string;
  severity: Severity;
  object?: ObjectRef;
  message: string;
  remediation?: string;
}
