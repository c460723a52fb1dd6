import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutcomeUnknown } from '../model/errors.js';
import { journalDir } from '../runbook/journal-location.js';
import { FleetJournalFile } from './fleet-journal-file.js';
import type { FleetAt } from './locate.js';

/** One line of an update run's journal. */
export interface FleetJournalLine {
  time: string;
  kind: 'intent' | 'result' | 'note' | 'state';
  action?: string;
  ok?: boolean;
  /** On a result that is not ok: the change was sent and its answer never came (it may have taken). */
  unknown?: true;
  message?: string;
  detail?: Record<string, unknown>;
}

/** Where an update run's journal lives: one file per fleet and run, appended by every session. */
export function fleetJournalPath(env: NodeJS.ProcessEnv, fleet: FleetAt, run: string): string {
  const safe =
    `${fleet.subscriptionId.slice(0, 8)}-${fleet.resourceGroup}-${fleet.name}-${run}`.replace(
      /[^A-Za-z0-9_.-]+/g,
      '_',
    );
  return join(journalDir(env), 'fleet', `${safe}.jsonl`);
}

/**
 * The journal of one update run: an `intent` line is on disk before each change is sent, a
 * `result` line after (`unknown` when its answer never came); status changes seen while following are `state` lines. A later session
 * reads it to re-attach to a run left running.
 */
export class FleetRunJournal {
  private constructor(private readonly file: FleetJournalFile) {}

  get path(): string {
    return this.file.path;
  }

  static async open(
    env: NodeJS.ProcessEnv,
    fleet: FleetAt,
    run: string,
    secret?: string,
  ): Promise<FleetRunJournal> {
    return new FleetRunJournal(
      await FleetJournalFile.open(env, fleetJournalPath(env, fleet, run), secret),
    );
  }

  /** Writes the intent and waits until it is on disk, then acts and writes the result. */
  async mutation<T>(
    action: string,
    detail: Record<string, unknown>,
    act: () => Promise<T>,
  ): Promise<T> {
    await this.write({ kind: 'intent', action, detail }, true);
    try {
      const value = await act();
      await this.write({ kind: 'result', action, ok: true }, true);
      return value;
    } catch (error) {
      await this.write(
        {
          kind: 'result',
          action,
          ok: false,
          ...(error instanceof OutcomeUnknown ? { unknown: true as const } : {}),
          message: error instanceof Error ? error.message : String(error),
        },
        true,
      );
      throw error;
    }
  }

  note(message: string, detail?: Record<string, unknown>): Promise<void> {
    return this.write({ kind: 'note', message, ...(detail ? { detail } : {}) }, false);
  }

  state(message: string): Promise<void> {
    return this.write({ kind: 'state', message }, false);
  }

  close(): Promise<void> {
    return this.file.close();
  }

  private async write(line: Omit<FleetJournalLine, 'time'>, sync: boolean): Promise<void> {
    await this.file.append(line, sync);
  }
}

/** What an earlier session left of a run: whether it started it, and the last state it saw. */
export interface JournaledRun {
  started: boolean;
  lastState?: string;
}

/** Reads a run's journal (a torn last line is skipped), or undefined when there is none. */
export async function readFleetJournal(
  env: NodeJS.ProcessEnv,
  fleet: FleetAt,
  run: string,
): Promise<JournaledRun | undefined> {
  const text = await readFile(fleetJournalPath(env, fleet, run), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const lines = text
    .split('\n')
    .map((l) => {
      try {
        return JSON.parse(l) as FleetJournalLine;
      } catch {
        return undefined;
      }
    })
    .filter((l): l is FleetJournalLine => l !== undefined);
  const started = lines.some((l) => l.kind === 'result' && l.action === 'start' && l.ok === true);
  const last = lines.filter((l) => l.kind === 'state').at(-1)?.message;
  return { started, ...(last ? { lastState: last } : {}) };
}
