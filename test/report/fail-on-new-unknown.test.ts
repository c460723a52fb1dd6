// README "Headless audit": "A fact AKS did not report (imds.engine-unknown, nodeimage.unknown,
// versions.support-unknown) is judged as high, the severity of what it may hide, so less data never
// passes where more would fail." With --baseline and --fail-on-new, an unknown that was unknown last
// time too is "unchanged" and stops counting: the gate passes (exit 0) on a pool whose image was
// never read, where the same pool read and found outdated would be a new finding and fail.
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/baseline/compare.js';
import type { AuditReport, ReportedFinding } from '../../src/report/audit-schema.js';
import { UNKNOWN_FACT_FINDING_IDS } from '../../src/report/hole-findings.js';
import { countsForGate, rejudged } from '../../src/report/exit-code.js';
import { FINDING_MEANINGS } from '../../src/report/finding-catalog.js';
import { sampleReport } from './sample-report.js';

const unknownImage: ReportedFinding = {
  id: 'nodeimage.unknown',
  severity: 'high',
  step: 'nodeimage',
  object: { kind: 'AgentPool', name: 'apps' },
  message: 'Pool apps: AKS did not report its node image version; not judged.',
  confirmedBy: null,
};

function withNodeImage(findings: ReportedFinding[]): AuditReport {
  return {
    ...sampleReport(),
    steps: [{ id: 'nodeimage', title: 'Node images', status: 'findings', findings }],
  };
}

describe('--fail-on-new with a fact that is unknown again', () => {
  it('still fails the gate: an unknown is never a pass', () => {
    const before = withNodeImage([unknownImage]);
    const now = withNodeImage([{ ...unknownImage }]);
    const judged = rejudged({ ...compareWithBaseline(now, before, 'base.json'), failOnNew: true });
    expect(judged.steps[0]!.findings[0]!.change).toBe('unchanged');
    expect(judged.exitCode).not.toBe(0);
  });
});

describe('--fail-on-new and a fact that could not be read or told', () => {
  it('every *-unknown / *-unread id of the catalog is an unknown fact', () => {
    const named = Object.keys(FINDING_MEANINGS).filter((id) => /[.-](unknown|unread)$/.test(id));
    // Unread kinds that are holes (a read refused or failed): exit 2, never waived.
    const holes = ['rbac.azure-unread', 'imds.engine-policies-unread'];
    for (const id of named.filter((i) => !holes.includes(i))) {
      expect(UNKNOWN_FACT_FINDING_IDS, id).toContain(id);
    }
    expect(new Set(UNKNOWN_FACT_FINDING_IDS)).toEqual(
      new Set([
        'imds.engine-unknown',
        'imds.engine-policy-unknown',
        'imds.probe-failed',
        'versions.support-unknown',
        'versions.upgrade-window-unknown',
        'nodeimage.unknown',
        'nodeos.window-unknown',
      ]),
    );
  });

  for (const id of ['versions.upgrade-window-unknown', 'nodeos.window-unknown']) {
    it(`${id} seen in the baseline too still counts for --fail-on medium`, () => {
      const unknownAgain = { id, severity: 'medium' as const, change: 'unchanged' as const };
      // With the read working the finding would be the new `*.no-window` one, which counts.
      const knownMissing = {
        id: id.startsWith('versions') ? 'versions.no-upgrade-window' : 'nodeos.no-window',
        severity: 'medium' as const,
        change: 'new' as const,
      };
      expect(countsForGate(knownMissing, 'medium', true)).toBe(true);
      expect(countsForGate(unknownAgain, 'medium', true)).toBe(true);
    });
  }

  it('a risk seen in the baseline too does not count, an unknown one always does', () => {
    for (const id of UNKNOWN_FACT_FINDING_IDS) {
      expect(countsForGate({ id, severity: 'high', change: 'unchanged' }, 'high', true), id).toBe(
        true,
      );
    }
    expect(
      countsForGate(
        { id: 'versions.no-upgrade-window', severity: 'medium', change: 'unchanged' },
        'medium',
        true,
      ),
    ).toBe(false);
  });
});
