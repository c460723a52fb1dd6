// README "Headless audit": "A fact AKS did not report (imds.engine-unknown, nodeimage.unknown,
// versions.support-unknown) is judged as high, the severity of what it may hide, so less data never
// passes where more would fail." With --baseline and --fail-on-new, an unknown that was unknown last
// time too is "unchanged" and stops counting: the gate passes (exit 0) on a pool whose image was
// never read, where the same pool read and found outdated would be a new finding and fail.
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/baseline/compare.js';
import type { AuditReport, ReportedFinding } from '../../src/report/audit-schema.js';
import { rejudged } from '../../src/report/exit-code.js';
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
