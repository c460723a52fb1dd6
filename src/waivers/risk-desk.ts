import type { Finding } from '../model/finding.js';
import { liveWaivers, waiverFor } from './apply-waivers.js';
import { appendWaiver } from './append-waiver.js';
import type { WaiverRules, WaiverSet } from './waiver-file.js';
import { dateAhead, isExpired, literalPattern } from './waiver-match.js';
import { waiverEntrySchema, type WaiverEntry } from './waiver-schema.js';

/** What the operator typed to accept one finding's risk. */
export interface RiskAnswer {
  reason: string;
  owner: string;
  /** `YYYY-MM-DD`, the last day it holds. */
  expires: string;
}

/** What the form needs to offer: where it goes, and the dates it may choose. */
export interface RiskOffer {
  file: string;
  maxDays: number;
  /** A date to start from (90 days ahead, or the maximum when nearer). */
  suggested: string;
  latest: string;
}

/**
 * The waivers of one session's cluster: marks the findings they accept (for the screens) and
 * appends new ones. Reads and writes one file; the runbook asks and journals around `accept`.
 */
export class RiskDesk {
  constructor(
    readonly file: string,
    private set: WaiverSet | undefined,
    private readonly rules: { maxDays: number; now: () => Date },
    private readonly cluster: { name: string; resourceGroup?: string | undefined },
  ) {}

  /** The findings with the waivers that accept them marked (others unmarked, even if marked before). */
  mark(findings: readonly Finding[]): Finding[] {
    const live = this.set ? liveWaivers(this.set, this.cluster, this.rules.now()) : [];
    return findings.map(({ waiver: _old, ...f }) => {
      const w = waiverFor(live, f);
      return w ? { ...f, waiver: { reason: w.reason, owner: w.owner, expires: w.expires } } : f;
    });
  }

  /** The dates the form offers. */
  offer(): RiskOffer {
    const now = this.rules.now();
    const { maxDays } = this.rules;
    return {
      file: this.file,
      maxDays,
      suggested: dateAhead(now, Math.min(90, maxDays)),
      latest: dateAhead(now, maxDays),
    };
  }

  /** The waiver for a finding and an answer, or what is wrong with the answer (one line). */
  entry(finding: Finding, answer: RiskAnswer): WaiverEntry | string {
    const entry: WaiverEntry = {
      finding: finding.id,
      ...(finding.object ? { object: objectOf(finding.object) } : {}),
      cluster: literalPattern(this.cluster.name),
      reason: answer.reason.trim(),
      owner: answer.owner.trim(),
      expires: answer.expires.trim(),
    };
    const parsed = waiverEntrySchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
    }
    const { latest } = this.offer();
    if (isExpired(entry.expires, this.rules.now())) return `expires: ${entry.expires} is past`;
    if (entry.expires > latest) {
      return `expires: at most ${this.rules.maxDays} days ahead (${latest} at the latest)`;
    }
    return entry;
  }

  /** Appends the waiver to the file and takes the file as it now is. */
  async accept(entry: WaiverEntry): Promise<void> {
    const rules: WaiverRules = { now: this.rules.now(), maxDays: this.rules.maxDays };
    this.set = await appendWaiver(this.file, entry, rules);
  }
}

function objectOf(object: NonNullable<Finding['object']>): NonNullable<WaiverEntry['object']> {
  return {
    kind: literalPattern(object.kind),
    ...(object.namespace !== undefined ? { namespace: literalPattern(object.namespace) } : {}),
    // Exactly this object: an RBAC name may hold `*` (`ops-*`), which must not accept `ops-x`.
    name: literalPattern(object.name),
  };
}
