import type { Finding } from '../../model/finding.js';

/** A key the operator can press on a step, or why it is not offered. */
export interface StepActionView {
  key: string;
  label: string;
  /** Set when the action exists but cannot be used (no rights, nothing to do): shown, not bound. */
  unavailable?: string;
}

/** What the generic step frame shows; every section is optional. */
export interface StepView {
  summary?: string[];
  findings?: Finding[];
  actions?: StepActionView[];
  plan?: string[];
  progress?: string[];
  result?: string[];
}

/** An operator choice sent from a step's screen to its controller. */
export type StepEvent =
  { type: 'action'; key: string } | { type: string; [field: string]: unknown };
