import type { SubjectRef } from './directory.js';

/** How bad a finding is; ordered from least to most severe. */
export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The Kubernetes or Azure object a finding is about. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** The areas finding ids start with (`imds.namespace-exposed`); the README lists every id. */
export type FindingArea =
  | 'rights'
  | 'defender'
  | 'access'
  | 'rbac'
  | 'imds'
  | 'containers'
  | 'versions'
  | 'drain'
  | 'nodeimage'
  | 'nodeos'
  | 'reboot'
  | 'waiver';

/** A finding id: its area, a dot, a kebab-case name. */
export type FindingId = `${FindingArea}.${string}`;

/** One thing a check found. `id` is a public, stable identifier (documented in the README). */
export interface Finding {
  id: FindingId;
  severity: Severity;
  object?: ObjectRef;
  /**
   * Who the finding is about when that is not `object` itself, e.g. `User alice@contoso.com` for an
   * rbac finding whose object is the binding. The findings list groups by it (else by object).
   * Display only: the audit report leaves it out (its schema has no such field).
   */
  subject?: string;
  message: string;
  remediation?: string;
  /**
   * The Entra identity the finding is about (a user or group bound by name or object id), with
   * its directory name once resolved; the audit report writes it as `subject`.
   */
  principal?: SubjectRef;
  /**
   * Set when the cluster itself confirmed the finding: the API server's authorizer answered yes
   * to the access question behind it (SubjectAccessReview). Absent = not confirmed.
   */
  confirmedBy?: 'api-server';
  /** Set when a waiver accepts the finding: shown dimmed with why, who and until when. */
  waiver?: { reason: string; owner: string; expires: string };
}
