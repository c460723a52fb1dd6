import type { Finding } from '../../model/finding.js';

/** A key the operator can press on a step, or why it is not offered. */
export interface StepActionView {
  key: string;
  label: string;
  /** Set when the action exists but cannot be used (no rights, nothing to do): shown, not bound. */
  unavailable?: string;
}

/** An action's view: `unavailable` is there only when it says why the key is not offered. */
export function actionView(
  key: string,
  label: string,
  unavailable: string | undefined,
): StepActionView {
  return unavailable === undefined ? { key, label } : { key, label, unavailable };
}

/**
 * Lines shown exactly as they are (YAML, a command): never bulleted, indented, joined or
 * re-wrapped, so what is copied from the screen is what was meant; a line wider than the screen
 * goes on below in pieces marked `↩` / `↪`, never cut (screens/step-lines.ts).
 */
export interface CodeBlock {
  code: readonly string[];
}

/** One item of a view's list: a sentence (wrapped, bulleted) or a code block. */
export type ViewItem = string | CodeBlock;

/** `text` (YAML, a command) as a code block, one line per line, the trailing newline dropped. */
export function codeBlock(text: string): CodeBlock {
  return { code: text.trimEnd().split('\n') };
}

/** Items as plain lines, a code block's lines in place (for a question's details, records). */
export function viewLines(items: readonly ViewItem[]): string[] {
  return items.flatMap((item) => (typeof item === 'string' ? [item] : item.code));
}

/** Items as one text (for records and tests). */
export function viewText(items: readonly ViewItem[]): string {
  return viewLines(items).join('\n');
}

/** What the generic step frame shows; every section is optional. */
export interface StepView {
  summary?: string[];
  findings?: Finding[];
  actions?: StepActionView[];
  plan?: ViewItem[];
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
