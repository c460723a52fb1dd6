// The journal a program in a terminal wrote under its XDG_STATE_HOME (one session: one file).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The records of the one session journaled under `state` (XDG_STATE_HOME), parsed. */
export function stateJournal(state: string): Array<Record<string, unknown>> {
  const dir = join(state, 'aks-runbook');
  const file = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
  return readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
