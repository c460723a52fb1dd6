import type { ProbeComparison } from '../../checks/imds/probe.js';
import type { ProposedFix } from '../../checks/imds/proposals.js';
import type { NamespaceRights } from './rights.js';
import type { ImdsRow } from './rows.js';

export type { ImdsRow };

/** A probe's answer beside the policies' verdict, with the line that says it. */
export type ProbeView = ProbeComparison & { line: string };

/** What the imds screen renders, and the choices and answers it is built from. */
export interface ImdsState {
  /** Inspecting, waiting for the operator, or changing the cluster. */
  phase: 'inspecting' | 'ready' | 'running';
  /** The engine in one line, and a warning when policies will not be enforced. */
  engine: string;
  inert?: string;
  rows: ImdsRow[];
  /** The operator's `/` filter, kept here so it survives a confirmation dialog. */
  filter: string;
  /** Whether the apply and rollback actions can be used, and why not. Absent in read-only mode. */
  apply?: { unavailable?: string };
  rollback?: { unavailable?: string };
  /** The probe action (absent in read-only mode), and what the last probes found. */
  probe?: { unavailable?: string };
  probes?: ProbeView[];
  /** Why nothing could be checked (a read was forbidden). */
  forbidden?: string;
  /** The namespaces the operator included (the default scope until they choose). */
  chosen?: string[];
  /** The checked fixes to review, per namespace (none in read-only mode). */
  proposals?: ReadonlyMap<string, ProposedFix[]>;
  /** The NetworkPolicy rights refused per namespace. */
  rights?: ReadonlyMap<string, NamespaceRights>;
}

/** The events the imds screen sends besides its action keys. */
export type ImdsEvent =
  | { type: 'toggle'; namespace: string }
  | { type: 'filter'; text: string }
  /** Add the except to the rules that re-open the endpoint in this namespace (own confirmation). */
  | { type: 'fix'; namespace: string };

/** More namespaces than this in one change (issue #5 says ten): the operator types the cluster name. */
export const TYPED_ABOVE = 10;
