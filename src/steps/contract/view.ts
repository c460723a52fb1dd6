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

/** The event every step understands: the operator pressed one of its action keys. */
export interface ActionEvent {
  type: 'action';
  key: string;
}

/** What an event from a step's screen looks like: a `type` its step declares. */
export interface StepEventShape {
  type: string;
}
