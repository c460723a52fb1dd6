import { createContext } from 'react';
import type { CopyCommands } from './command-lines.js';

/** Copying commands shown on a step (its findings' remedies): the action and its last outcome. */
export const CopyContext = createContext<CopyCommands>({});

/** The commands among findings' remedies: a remedy that is an `az` or `kubectl` command line. */
export function remedyCommands(
  findings: ReadonlyArray<{ remediation?: string | undefined }> | undefined,
): string[] {
  const all = (findings ?? []).map((f) => f.remediation ?? '').filter(isCommand);
  return [...new Set(all)];
}

/** Whether a remedy is a command to run (shown unwrapped, copyable), not advice. */
export function isCommand(remedy: string): boolean {
  return /^(az|kubectl) [a-z]/.test(remedy);
}
