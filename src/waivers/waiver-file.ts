import { fileReason } from '../model/file-reason.js';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError, messageOf } from '../model/errors.js';
import { dateAhead } from './waiver-match.js';
import type { z } from 'zod';
import { DEFAULT_WAIVERS_FILE, waiversFileSchema, type WaiverEntry } from './waiver-schema.js';

/** One waiver and where it stands in its file (1-based), for messages. */
export interface Waiver extends WaiverEntry {
  entry: number;
}

/** The waivers in force for a run: the file they came from and its entries, in order. */
export interface WaiverSet {
  file: string;
  waivers: Waiver[];
}

/** How waivers are judged: the clock, and how far ahead an expiry may lie. */
export interface WaiverRules {
  now: Date;
  maxDays: number;
}

/**
 * Which waivers file applies: `--waivers FILE` when given (it must exist), else
 * `.aks-runbook/waivers.yaml` in `cwd` when present, else none.
 */
export async function waiversPath(
  flag: string | undefined,
  cwd: string,
): Promise<string | undefined> {
  if (flag !== undefined) return flag;
  const path = join(cwd, DEFAULT_WAIVERS_FILE);
  return access(path).then(
    () => path,
    () => undefined,
  );
}

/**
 * Reads and checks a waivers file. Anything wrong is one `UserError` line (exit 2) naming the
 * file and the entry: a waivers file that is not understood must never loosen a gate silently.
 */
export async function readWaivers(file: string, rules: WaiverRules): Promise<WaiverSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(
      `cannot read the waivers file ${file}: ${fileReason(error)}; check the path, its permissions and free disk space`,
    );
  }
  return parseWaivers(text, file, rules);
}

/** Checks the text of a waivers file (see `readWaivers`). */
export function parseWaivers(text: string, file: string, rules: WaiverRules): WaiverSet {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new UserError(`${file} is not YAML: ${messageOf(error).split('\n')[0]!}`);
  }
  const top = waiversFileSchema.safeParse(data);
  if (!top.success) throw new UserError(describeIssue(file, data, top.error.issues[0]));
  const latest = dateAhead(rules.now, rules.maxDays);
  return {
    file,
    waivers: top.data.waivers.map((waiver, index): Waiver => {
      if (waiver.expires > latest) {
        throw new UserError(
          `${entryName(file, index, waiver.finding)}: expires ${waiver.expires} is more than ${rules.maxDays} days ahead (latest ${latest}); choose an earlier date, or raise --waiver-max-days`,
        );
      }
      return { ...waiver, entry: index + 1 };
    }),
  };
}

/** `FILE: entry 3 (containers.privileged)`: how messages name one waiver. */
export function entryName(file: string, index: number, finding: unknown): string {
  return `${file}: entry ${index + 1}${typeof finding === 'string' ? ` (${finding})` : ''}`;
}

/** The first problem of a file as one line: the entry and field when it is in an entry. */
function describeIssue(file: string, data: unknown, issue: z.core.$ZodIssue | undefined): string {
  const path = issue?.path ?? [];
  if (path[0] !== 'waivers' || typeof path[1] !== 'number') {
    const key = path[0] === undefined ? '' : ` (${String(path[0])})`;
    return `${file}: expected "waivers:" with a list of waivers and nothing else${key}: ${issue?.message ?? 'invalid'}`;
  }
  const item = (data as { waivers: Array<{ finding?: unknown } | null> }).waivers[path[1]];
  const field = path.slice(2).join('.');
  return `${entryName(file, path[1], item?.finding)}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`;
}
