import type { SimClock } from '../clock.js';
import type { ResourceType } from './types.js';

/** A deprecated API a client used, as the API server's metric labels it. */
export interface DeprecatedApiUse {
  group: string;
  version: string;
  resource: string;
  subresource: string;
  removedRelease: string;
}

/** What the scenario says clients did before the session (the metric starts with these). */
export interface SeenBefore extends DeprecatedApiUse {
  /** Whether a write (create, update, patch, delete) was among them; AKS blocks only on writes. */
  write: boolean;
}

interface Seen {
  use: DeprecatedApiUse;
  /** Simulated time of the last write through it, if any. */
  lastWrite: number | undefined;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

/** The minor part of `1.31.8` as a number, for comparing with `removedIn`. */
function minorNumber(version: string): number {
  return Number(version.split('.')[1] ?? 0);
}

/**
 * Which deprecated group/versions clients used: the kube-apiserver's
 * `apiserver_requested_deprecated_apis` gauge (set to 1 per group, version, resource,
 * subresource and removed_release once requested), plus the time of the last write, which AKS's
 * upgrade validation looks at.
 */
export class DeprecatedApiLog {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly clock: SimClock,
    /** Whether the scenario serves deprecated versions at all. */
    private readonly enabled: boolean,
    before: readonly SeenBefore[] = [],
  ) {
    for (const b of before) {
      const { write, ...use } = b;
      this.seen.set(this.key(use), { use, lastWrite: write ? this.clock.now() : undefined });
    }
  }

  /** Whether a resource type is served by a control plane running `version`. */
  served(t: ResourceType, version: string): boolean {
    if (t.removedIn === undefined) return true;
    return this.enabled && minorNumber(version) < minorNumber(`${t.removedIn}.0`);
  }

  /** Notes a request to a deprecated resource type (any verb; the gauge does not tell them apart). */
  record(t: ResourceType, subresource: string | undefined, verb: string): void {
    if (t.removedIn === undefined) return;
    const use: DeprecatedApiUse = {
      group: t.group,
      version: t.version,
      resource: t.resource,
      subresource: subresource ?? '',
      removedRelease: t.removedIn,
    };
    const key = this.key(use);
    const entry = this.seen.get(key) ?? { use, lastWrite: undefined };
    if (!READ_VERBS.has(verb)) entry.lastWrite = this.clock.now();
    this.seen.set(key, entry);
  }

  /** Writes through deprecated APIs since `since` (simulated ms), for AKS's upgrade validation. */
  writesSince(since: number): Array<DeprecatedApiUse & { at: number }> {
    return [...this.seen.values()]
      .filter((s) => s.lastWrite !== undefined && s.lastWrite >= since)
      .map((s) => ({ ...s.use, at: s.lastWrite! }));
  }

  /** The gauge in the Prometheus text format `/metrics` answers with. */
  metricsText(): string {
    const lines = [
      '# HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.',
      '# TYPE apiserver_requested_deprecated_apis gauge',
    ];
    for (const { use: u } of [...this.seen.values()].sort((a, b) =>
      this.key(a.use).localeCompare(this.key(b.use)),
    )) {
      lines.push(
        `apiserver_requested_deprecated_apis{group="${u.group}",removed_release="${u.removedRelease}",resource="${u.resource}",subresource="${u.subresource}",version="${u.version}"} 1`,
      );
    }
    // A kube-apiserver always exposes many more series (Go runtime, process, requests): one of
    // them, so the text is never a body without a sample.
    lines.push(
      '# HELP go_goroutines Number of goroutines that currently exist.',
      '# TYPE go_goroutines gauge',
      'go_goroutines 412',
    );
    return `${lines.join('\n')}\n`;
  }

  private key(u: DeprecatedApiUse): string {
    return `${u.group}/${u.version}/${u.resource}/${u.subresource}`;
  }
}
