import { closeSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError, messageOf } from '../model/errors.js';

/**
 * Checks a file `sim` is to write before the simulator starts: its folder must exist and it must
 * not itself be a folder. Returns the absolute path; a problem is one line naming the flag.
 */
export function checkOutputFile(flag: string, file: string): string {
  const path = resolve(file);
  const folder = dirname(path);
  const dirKind = kindOf(folder);
  if (dirKind === 'missing') {
    throw new UserError(`${flag} ${file}: the folder ${folder} does not exist; create it first`);
  }
  if (dirKind !== 'folder') {
    throw new UserError(`${flag} ${file}: ${folder} is not a folder`);
  }
  if (kindOf(path) === 'folder') {
    throw new UserError(`${flag} ${file} is a folder; give a file name (e.g. ${path}/out.jsonl)`);
  }
  return path;
}

/** Opens the request log for appending now, so a file that cannot be written fails at start. */
export function openRequestLog(file: string): { path: string; fd: number } {
  const path = checkOutputFile('--request-log', file);
  try {
    return { path, fd: openSync(path, 'a', 0o600) };
  } catch (error) {
    throw new UserError(`--request-log ${file}: cannot write it (${codeOf(error)})`);
  }
}

/** Closes a request log opened by `openRequestLog` that will not be used after all. */
export function closeQuietly(fd: number | undefined): void {
  if (fd === undefined) return;
  try {
    closeSync(fd);
  } catch {
    // Already closed by its stream.
  }
}

/** One line for a failed write of one of sim's files. */
export function writeFailure(flag: string, file: string, error: unknown): UserError {
  return new UserError(`${flag} ${file}: cannot write it (${codeOf(error)})`);
}

function kindOf(path: string): 'missing' | 'folder' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

function codeOf(error: unknown): string {
  return messageOf(error).split('\n')[0]!;
}
