import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlannedUpdate } from '../checks/fleet/update-plan.js';
import type { Finding } from '../model/finding.js';
import { journalDir } from '../runbook/journal-location.js';
import { FleetJournalFile } from './fleet-journal-file.js';

/** Where a cluster of the sequence stands, as the journal says. */
export type SequencePhase = 'baseline' | 'confirmed' | 'verified' | 'stopped';

/** One line of a sequence's journal. */
export type SequenceLine =
  | { kind: 'begin'; time: string; update: PlannedUpdate; order: string[]; names: string[] }
  | {
      kind: 'cluster';
      time: string;
      id: string;
      phase: SequencePhase;
      message?: string;
      /** The cluster's own session journal, with each operation's intent and result. */
      journal?: string;
      /** The findings before the upgrade (baseline), to compare after it. */
      findings?: Finding[];
    }
  | { kind: 'end'; time: string; outcome: 'completed' };

/** The sequence an earlier session left unfinished: its order and each cluster's last phase. */
export interface OpenSequence {
  began: string;
  order: string[];
  names: string[];
  phases: Map<string, SequencePhase>;
  /** The baseline findings recorded per cluster, for the verification after a resume. */
  baselines: Map<string, Finding[]>;
}

/**
 * One file per change (type and target version), the simulator's apart from Azure's: a rerun of
 * the same change finds it.
 */
export function sequenceJournalPath(
  env: NodeJS.ProcessEnv,
  update: PlannedUpdate,
  simulated: boolean,
): string {
  const change =
    `${simulated ? 'sim-' : ''}${update.type}-${update.kubernetesVersion ?? 'latest-image'}`.replace(
      /[^A-Za-z0-9_.-]+/g,
      '_',
    );
  return join(journalDir(env), 'fleet', `sequence-${change}.jsonl`);
}

/**
 * The journal of a one-at-a-time sequence: `begin` with the order, then each cluster's baseline,
 * confirmation, verification or stop, and `end` when every cluster is verified. Each line is on
 * disk before the next step (the clusters' operations are journaled in their own session journals).
 */
export class SequenceJournal {
  private constructor(private readonly file: FleetJournalFile) {}

  get path(): string {
    return this.file.path;
  }

  static async open(
    env: NodeJS.ProcessEnv,
    update: PlannedUpdate,
    simulated: boolean,
    secret?: string,
  ): Promise<SequenceJournal> {
    return new SequenceJournal(
      await FleetJournalFile.open(env, sequenceJournalPath(env, update, simulated), secret),
    );
  }

  /** Appends a line and waits until it is on disk. */
  async write(line: DistributiveOmit<SequenceLine, 'time'>): Promise<void> {
    await this.file.append(line, true);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The unfinished sequence of this change, if the journal holds one (a torn last line is skipped). */
export async function readOpenSequence(
  env: NodeJS.ProcessEnv,
  update: PlannedUpdate,
  simulated: boolean,
): Promise<OpenSequence | undefined> {
  const text = await readFile(sequenceJournalPath(env, update, simulated), 'utf8').catch(
    () => undefined,
  );
  if (text === undefined) return undefined;
  const lines = text
    .split('\n')
    .map((l) => {
      try {
        return JSON.parse(l) as SequenceLine;
      } catch {
        return undefined;
      }
    })
    .filter((l): l is SequenceLine => l !== undefined && typeof l === 'object' && 'kind' in l);
  const start = lines.map((l) => l.kind).lastIndexOf('begin');
  if (start < 0) return undefined;
  const current = lines.slice(start);
  if (current.some((l) => l.kind === 'end')) return undefined;
  const begin = current[0] as Extract<SequenceLine, { kind: 'begin' }>;
  const phases = new Map<string, SequencePhase>();
  const baselines = new Map<string, Finding[]>();
  for (const l of current) {
    if (l.kind !== 'cluster') continue;
    phases.set(l.id.toLowerCase(), l.phase);
    if (l.phase === 'baseline' && l.findings) baselines.set(l.id.toLowerCase(), l.findings);
  }
  return { began: begin.time, order: begin.order, names: begin.names, phases, baselines };
}
