import type { Operator } from '../src/model/operator.js';
import { displayWidth, fit } from '../src/model/text-cells.js';
import { visible } from '../src/model/visible-text.js';

/** What the header names: the cluster, who is signed in, the subscription, a retry wait. */
export interface HeaderFacts {
  cluster?: string | undefined;
  operator?: Operator | undefined;
  subscriptionId?: string | undefined;
  subscriptionName?: string | undefined;
  waiting?: string | undefined;
}

/** One part of the header line; the screen styles it by its role. */
export interface HeaderPart {
  role: 'program' | 'cluster' | 'operator' | 'subscription' | 'waiting';
  text: string;
}

export const HEADER_SEPARATOR = ' · ';

/** How wide the parts are, joined by the separator. */
export function partsWidth(parts: readonly HeaderPart[]): number {
  return parts.reduce(
    (sum, p, i) => sum + displayWidth(p.text) + (i ? HEADER_SEPARATOR.length : 0),
    0,
  );
}

/** The subscription's name, else its id; `short` keeps a name to 16 cells and an id to 8 chars. */
function subscriptionText(f: HeaderFacts, short: boolean): string | undefined {
  if (f.subscriptionName) return `sub ${short ? fit(f.subscriptionName, 16) : f.subscriptionName}`;
  if (!f.subscriptionId) return undefined;
  return `sub ${short ? `${f.subscriptionId.slice(0, 8)}…` : f.subscriptionId}`;
}

/**
 * The header's parts, fitted to `width` cells. Shortened in this order until they fit: the
 * operator's second part (kubeconfig entry), the subscription (to 8 characters of its id), the
 * program's name, the subscription; then the operator, the retry wait and last the cluster are
 * cut with an ellipsis.
 */
export function headerParts(f: HeaderFacts, width: number): HeaderPart[] {
  const cluster = f.cluster === undefined ? undefined : visible(f.cluster);
  const name = f.operator && visible(f.operator.name);
  const detail = f.operator?.detail && visible(f.operator.detail);
  const build = (o: { detail: boolean; shortSub: boolean; program: boolean; sub: boolean }) => {
    const parts: HeaderPart[] = [];
    if (o.program || cluster === undefined) parts.push({ role: 'program', text: 'aks-runbook' });
    if (cluster !== undefined) parts.push({ role: 'cluster', text: cluster });
    if (name)
      parts.push({ role: 'operator', text: o.detail && detail ? `${name} (${detail})` : name });
    const sub = o.sub ? subscriptionText(f, o.shortSub) : undefined;
    if (sub) parts.push({ role: 'subscription', text: visible(sub) });
    if (f.waiting) parts.push({ role: 'waiting', text: visible(f.waiting) });
    return parts;
  };
  const tries = [
    { detail: true, shortSub: false, program: true, sub: true },
    { detail: false, shortSub: false, program: true, sub: true },
    { detail: false, shortSub: true, program: true, sub: true },
    { detail: false, shortSub: true, program: false, sub: true },
    { detail: false, shortSub: true, program: false, sub: false },
  ];
  for (const t of tries) {
    const parts = build(t);
    if (partsWidth(parts) <= width) return parts;
  }
  return cutToFit(build(tries[tries.length - 1]!), width);
}

/** Cuts the operator, the wait, the cluster, then anything, until the parts fit `width`. */
function cutToFit(parts: HeaderPart[], width: number): HeaderPart[] {
  for (const role of ['operator', 'waiting', 'cluster', 'program'] as const) {
    const over = partsWidth(parts) - width;
    if (over <= 0) return parts;
    const part = parts.find((p) => p.role === role);
    if (!part) continue;
    // Keep at least a few cells of each, so it still says who or which.
    part.text = fit(part.text, Math.max(6, displayWidth(part.text) - over));
  }
  return partsWidth(parts) <= width
    ? parts
    : [{ role: 'cluster', text: fit(parts.map((p) => p.text).join(HEADER_SEPARATOR), width) }];
}
