import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { runBin } from '../helpers/cli-process.js';
import { publishedSchema } from '../report/published-schema.js';

// The built program's audit includes the deprecated-API verdict of the upgrades step.
describe('aks-runbook audit: APIs the next minor removes', () => {
  it('reports versions.deprecated-api-in-use (high) for the upgrade-readiness scenario', async () => {
    const ran = await runBin([
      'audit',
      '--demo',
      '--scenario',
      'upgrade-readiness',
      '--steps',
      'upgrades',
      '--output',
      'json',
    ]);
    const report = JSON.parse(ran.stdout) as AuditReport;
    expect(publishedSchema().safeParse(report).success).toBe(true);
    const found = report.steps[0]!.findings.filter(
      (f) => f.id === 'versions.deprecated-api-in-use',
    );
    expect(found.map((f) => f.severity).sort()).toEqual(['high', 'high', 'medium']);
    expect(found.some((f) => f.message.includes('Helm release reporting/report-api'))).toBe(true);
    expect(ran.code).toBe(1);
  });
});
