import { firstLine, messageOf } from './errors.js';

/**
 * What a file-system error means, in a few words with its code (`it is a folder, EISDIR`), never
 * Node's own text ("EISDIR: illegal operation on a directory, read"). Decided by the code.
 */
export function fileReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file, ENOENT';
    case 'ENOSPC':
      return 'the disk is full, ENOSPC';
    case 'EDQUOT':
      return 'the disk quota is used up, EDQUOT';
    case 'EACCES':
    case 'EPERM':
      return `permission denied, ${code}`;
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder, ENOTDIR';
    case 'EROFS':
      return 'the file system is read-only, EROFS';
    case 'EISDIR':
      return 'it is a folder, EISDIR';
    case 'ELOOP':
      return 'too many symbolic links, ELOOP';
    case 'ENAMETOOLONG':
      return 'its name is too long, ENAMETOOLONG';
    case 'EMFILE':
    case 'ENFILE':
      return `too many open files, ${code}`;
    default:
      return typeof code === 'string' ? `error ${code}` : firstLine(messageOf(error));
  }
}

/** The codes of a file-system failure (not a socket's): the file, its folder, the disk. */
const FILE_CODES = new Set([
  'ENOENT',
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'ENOTDIR',
  'EROFS',
  'EISDIR',
  'ELOOP',
  'ENAMETOOLONG',
  'EMFILE',
  'ENFILE',
  'EEXIST',
]);

/**
 * A file-system error as Node throws it (`EISDIR: illegal operation on a directory, open '…'`),
 * in words: `cannot open /path: it is a folder, EISDIR`. Undefined for anything else (a socket's
 * error has no path). Decided by the error's code, syscall and path, never its text.
 */
export function fileFailureWords(error: unknown): string | undefined {
  const e = error as Partial<NodeJS.ErrnoException> | undefined;
  if (typeof e?.code !== 'string' || !FILE_CODES.has(e.code)) return undefined;
  if (typeof e.path !== 'string' || typeof e.syscall !== 'string') return undefined;
  return `cannot ${e.syscall} ${e.path}: ${fileReason(error)}`;
}
