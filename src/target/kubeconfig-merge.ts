import { fileReason } from '../model/file-reason.js';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { parse } from 'yaml';
import { UserError, firstLine, messageOf } from '../model/errors.js';

/** One named entry (cluster, user or context) of a kubeconfig, with the file it came from. */
export interface KubeconfigEntry {
  name: string;
  /** The entry's `cluster:`, `user:` or `context:` mapping, relative paths made absolute. */
  body: Record<string, unknown>;
  file: string;
}

/** Several kubeconfig files merged as kubectl merges them. */
export interface MergedKubeconfig {
  clusters: Map<string, KubeconfigEntry>;
  users: Map<string, KubeconfigEntry>;
  contexts: Map<string, KubeconfigEntry>;
  currentContext?: string;
  /** The files that were read, in order (missing `KUBECONFIG` entries are left out). */
  files: string[];
}

/** A parsed kubeconfig file, before merging. */
export interface KubeconfigDocument {
  file: string;
  clusters: KubeconfigEntry[];
  users: KubeconfigEntry[];
  contexts: KubeconfigEntry[];
  currentContext?: string;
}

const SECTIONS = [
  ['clusters', 'cluster'],
  ['users', 'user'],
  ['contexts', 'context'],
] as const;

/**
 * Merges documents with kubectl's rules: the first file to define a name keeps it whole (a later
 * entry of the same name is dropped, even its fields the first one lacks), and the first file that
 * sets `current-context` decides it.
 */
export function mergeKubeconfigs(docs: KubeconfigDocument[]): MergedKubeconfig {
  const merged: MergedKubeconfig = {
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
    files: docs.map((d) => d.file),
  };
  for (const doc of docs) {
    for (const [section] of SECTIONS) {
      for (const entry of doc[section]) {
        if (!merged[section].has(entry.name)) merged[section].set(entry.name, entry);
      }
    }
    if (merged.currentContext === undefined && doc.currentContext) {
      merged.currentContext = doc.currentContext;
    }
  }
  return merged;
}

/**
 * Reads the kubeconfig files kubectl would: an explicit file must exist; in a `KUBECONFIG` list a
 * missing file is skipped, as kubectl skips it. A file that is not a kubeconfig is an error naming it.
 */
export function readKubeconfigFiles(files: string[], explicit: boolean): KubeconfigDocument[] {
  const docs: KubeconfigDocument[] = [];
  for (const file of files) {
    const kind = kindOf(file);
    if (kind === 'missing' && !explicit) continue;
    if (kind === 'missing') throw new UserError(`kubeconfig file not found: ${file}`);
    if (kind === 'folder') throw new UserError(`the kubeconfig ${file} is a folder, not a file`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UserError(
        `cannot read kubeconfig ${file}: ${fileReason(error)}; check the path, its permissions and free disk space`,
      );
    }
    docs.push(parseKubeconfig(file, text));
  }
  return docs;
}

/** Parses one kubeconfig file's text; relative paths in it are taken from the file's folder. */
export function parseKubeconfig(file: string, text: string): KubeconfigDocument {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new UserError(`cannot read kubeconfig ${file}: ${firstLine(messageOf(error))}`);
  }
  // An empty file is an empty kubeconfig to kubectl.
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`cannot read kubeconfig ${file}: it is not a kubeconfig (no mapping)`);
  }
  const record = data as Record<string, unknown>;
  const doc: KubeconfigDocument = { file, clusters: [], users: [], contexts: [] };
  for (const [section, key] of SECTIONS) {
    const list = record[section];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      throw new UserError(`cannot read kubeconfig ${file}: ${section} is not a list`);
    }
    list.forEach((item: unknown, index) => {
      const where = `${section}[${index}]`;
      if (typeof item !== 'object' || item === null) {
        throw new UserError(`cannot read kubeconfig ${file}: ${where} is not a mapping`);
      }
      const { name, [key]: body } = item as Record<string, unknown>;
      if (typeof name !== 'string' || name === '') {
        throw new UserError(`cannot read kubeconfig ${file}: ${where} has no name`);
      }
      if (
        body !== undefined &&
        body !== null &&
        (typeof body !== 'object' || Array.isArray(body))
      ) {
        throw new UserError(`cannot read kubeconfig ${file}: ${where}.${key} is not a mapping`);
      }
      const fields = { ...((body ?? {}) as Record<string, unknown>) };
      doc[section].push({ name, body: absolutePaths(key, fields, dirname(file)), file });
    });
  }
  const current = record['current-context'];
  if (typeof current === 'string' && current !== '') doc.currentContext = current;
  return doc;
}

/** kubectl resolves file references inside a kubeconfig against the file's own folder. */
function absolutePaths(
  key: 'cluster' | 'user' | 'context',
  body: Record<string, unknown>,
  folder: string,
): Record<string, unknown> {
  const fix = (field: string): void => {
    const value = body[field];
    if (typeof value === 'string' && value !== '' && !isAbsolute(value)) {
      body[field] = join(folder, value);
    }
  };
  if (key === 'cluster') fix('certificate-authority');
  if (key === 'user') {
    fix('client-certificate');
    fix('client-key');
    fix('tokenFile');
    const exec = body['exec'];
    if (typeof exec === 'object' && exec !== null) {
      const command = (exec as Record<string, unknown>)['command'];
      // Only a command written as a path is relative to the file; a bare name is looked up on PATH.
      if (typeof command === 'string' && command.includes(sep) && !isAbsolute(command)) {
        body['exec'] = { ...exec, command: join(folder, command) };
      }
    }
  }
  return body;
}

function kindOf(path: string): 'missing' | 'folder' | 'file' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
