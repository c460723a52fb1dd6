import { kubeYaml } from '../../model/kube-yaml.js';

// The suggested patches are small maps of securityContext fields. The yaml package's writer runs
// cold on the first one, which the TUI writes as soon as the containers step has looked (tens of
// milliseconds of CPU while the other steps' reads wait for the thread); these shapes are written
// here, anything else by `kubeYaml` (kubectl-safe quoting), so the text is the same either way
// (test/checks/containers-plain-yaml.test.ts compares the two).

/** A key or string written as is: a word no YAML reader takes for anything but a string. */
// No digits: YAML 1.1 readers disagree on words like `e0` (a float to some), so those go to kubeYaml.
const PLAIN = /^[A-Za-z][A-Za-z_-]{0,62}$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;

const plain = (text: string): boolean => PLAIN.test(text) && !RESERVED.test(text);

/**
 * `value` (a map) as block YAML, exactly as `kubeYaml(value)` writes it.
 */
export function blockYaml(value: Record<string, unknown>): string {
  const lines: string[] = [];
  return mapLines(value, '', lines) ? `${lines.join('\n')}\n` : kubeYaml(value);
}

/** Appends the lines of a non-empty map at `indent`; false when a value is not a plain one. */
function mapLines(map: Record<string, unknown>, indent: string, out: string[]): boolean {
  const entries = Object.entries(map);
  if (entries.length === 0) return false;
  for (const [key, value] of entries) {
    if (!plain(key)) return false;
    const scalar = scalarText(value);
    if (scalar !== undefined) {
      out.push(`${indent}${key}: ${scalar}`);
    } else if (Array.isArray(value)) {
      out.push(`${indent}${key}:`);
      if (!listLines(value, `${indent}  `, out)) return false;
    } else if (isMap(value)) {
      out.push(`${indent}${key}:`);
      if (!mapLines(value, `${indent}  `, out)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** Appends the lines of a non-empty list at `indent` (`- ` before each item). */
function listLines(list: readonly unknown[], indent: string, out: string[]): boolean {
  if (list.length === 0) return false;
  for (const item of list) {
    const scalar = scalarText(item);
    if (scalar !== undefined) {
      out.push(`${indent}- ${scalar}`);
    } else if (isMap(item)) {
      // A map's first line goes after the dash, the rest under it.
      const inner: string[] = [];
      if (!mapLines(item, '', inner)) return false;
      inner.forEach((line, i) => out.push(`${indent}${i === 0 ? '- ' : '  '}${line}`));
    } else {
      return false;
    }
  }
  return true;
}

/** A boolean, a safe integer or a plain word as YAML; undefined for anything else. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (typeof value === 'string') return plain(value) ? value : undefined;
  return undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}
