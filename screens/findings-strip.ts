import type { Finding } from '../src/model/finding.js';
import { wrapWords } from './text.js';

/**
 * A step's findings in a few words above its own table (drain nodes, imds namespaces), wrapped,
 * never cut: how many, of which kinds, and the key that shows them whole (`v`, the report).
 */
export function findingsStrip(findings: readonly Finding[], width: number): string[] {
  if (findings.length === 0) return [];
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  const kinds = [...counts].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(' · ');
  const count = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  return wrapWords(`! ${count}: ${kinds} (v: read them)`, width - 1);
}
