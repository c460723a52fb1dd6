import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/baseline/compare.js';
import { HOLE_FINDING_IDS, isHoleFinding } from '../../src/report/hole-findings.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { auditExitCode } from '../../src/report/exit-code.js';
import { FINDING_MEANINGS } from '../../src/report/finding-catalog.js';
import { holeLines } from '../../src/report/gate-words.js';
import { sarifLog } from '../../src/report/render-sarif.js';
import { isWaivable } from '../../src/waivers/apply-waivers.js';
import { sampleReport } from './sample-report.js';

/** A report whose only step went on after Azure would not give its role assignments. */
function unreadAzure(): AuditReport {
  return sampleReport({
    steps: [
      {
        id: 'rbac',
        title: 'RBAC bindings',
        status: 'findings',
        durationMs: 100,
        findings: [
          {
            id: 'rbac.azure-unread',
            severity: 'medium',
            step: 'rbac',
            message:
              'Could not check the Azure role assignments: Azure Resource Manager failed (500)',
            confirmedBy: null,
          },
        ],
      },
    ],
  });
}

describe('findings that say part of a step was not read (holes)', () => {
  it('every "could not read" id of the catalog is a hole, and only those', () => {
    const unread = Object.entries(FINDING_MEANINGS)
      .filter(([id, meaning]) => id.endsWith('.forbidden') || /^could not check/.test(meaning))
      .map(([id]) => id);
    expect(new Set([...unread, 'rights.read-forbidden'])).toEqual(new Set(HOLE_FINDING_IDS));
  });

  it('rbac.azure-unread is a hole: exit 2 whatever --fail-on, not waivable', () => {
    expect(isHoleFinding({ id: 'rbac.azure-unread' })).toBe(true);
    expect(auditExitCode(unreadAzure().steps, 'high')).toBe(2);
    expect(isWaivable('rbac.azure-unread')).toBe(false);
  });

  it('gets an INCOMPLETE line and a SARIF error notification', () => {
    const report = unreadAzure();
    expect(holeLines(report)).toEqual([
      expect.stringMatching(/^INCOMPLETE: step rbac .*rbac\.azure-unread.*500/),
    ]);
    const log = sarifLog([{ label: 'aks-one', report }], { version: '0.1.0' }) as {
      runs: Array<{ invocations: Array<{ toolExecutionNotifications?: unknown[] }> }>;
    };
    const notices = log.runs[0]!.invocations[0]!.toolExecutionNotifications as Array<{
      level: string;
      message: { text: string };
    }>;
    expect(notices.map((n) => n.level)).toEqual(['error']);
    expect(notices[0]!.message.text).toMatch(/rbac\.azure-unread/);
  });

  it('keeps the step\'s baseline findings from being "fixed"', () => {
    const before = sampleReport();
    const compared = compareWithBaseline(unreadAzure(), before, 'b.json');
    expect(compared.baseline?.fixed.filter((f) => f.step === 'rbac')).toEqual([]);
  });
});
