import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  auditedSection,
  buildCombinedReport,
  unreachedSection,
} from '../../src/report/combined-report.js';
import {
  combinedReportJsonSchema,
  combinedReportSchema,
  type CombinedReport,
} from '../../src/report/combined-schema.js';
import { renderCombined } from '../../src/report/render-combined.js';
import type { TargetOptions } from '../../src/target/options.js';
import { COMBINED_SCHEMA_FILE, publishedCombinedSchema } from './published-combined-schema.js';
import { publishedSchema } from './published-schema.js';
import { sampleReport } from './sample-report.js';

const arm = (name: string): TargetOptions => ({
  cloud: 'AzureCloud',
  demo: false,
  subscription: '00000000-0000-0000-0000-000000000001',
  resourceGroup: 'rg-one',
  name,
});

function combined(...clusters: CombinedReport['clusters']): CombinedReport {
  return buildCombinedReport({
    clusters,
    failOn: 'high',
    version: '0.1.0',
    startedAt: new Date('2025-03-01T10:00:00Z'),
    finishedAt: new Date('2025-03-01T10:00:09Z'),
  });
}

const passing = sampleReport({
  steps: sampleReport().steps.filter((s) => s.status !== 'forbidden' && s.findings.length === 0),
  exitCode: 0,
  totals: { info: 0, low: 0, medium: 0, high: 0 },
});
const failing = sampleReport({
  steps: sampleReport().steps.filter((s) => s.status !== 'forbidden'),
  exitCode: 1,
});

describe('the combined (version 2) report', () => {
  it('is kept in schema/audit-report.v2.json, in sync with the code (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = combinedReportJsonSchema();
    if (process.env['UPDATE_SCHEMA'] === '1') {
      writeFileSync(COMBINED_SCHEMA_FILE, JSON.stringify(generated, null, 2) + '\n');
    }
    // Compared as data: Prettier formats the file.
    expect(JSON.parse(readFileSync(COMBINED_SCHEMA_FILE, 'utf8'))).toEqual(generated);
  });

  it('holds a complete version 1 report per audited cluster; totals add up; exit code is the worst', () => {
    const report = combined(
      auditedSection('one', arm('aks-one'), passing),
      auditedSection('two', arm('aks-two'), failing),
    );
    expect(combinedReportSchema.parse(report)).toEqual(report);
    expect(publishedCombinedSchema().safeParse(report).success).toBe(true);
    for (const c of report.clusters)
      expect(publishedSchema().safeParse(c.report).success).toBe(true);
    expect(report.exitCode).toBe(1);
    expect(report.totals).toEqual(failing.totals);
    expect(report.clusters.map((c) => c.outcome)).toEqual(['audited', 'audited']);
    // A single-cluster (version 1) report is not a version 2 one, and the reverse.
    expect(publishedCombinedSchema().safeParse(passing).success).toBe(false);
    expect(publishedSchema().safeParse(report).success).toBe(false);
  });

  it('a refused step or an unreachable cluster makes it 2, and says which and why', () => {
    const report = combined(
      auditedSection('one', arm('aks-one'), sampleReport()),
      unreachedSection(
        'two',
        arm('aks-two'),
        'could not reach Azure to read the cluster: ECONNREFUSED',
        'unreachable',
      ),
      unreachedSection(
        'three',
        arm('aks-three'),
        'Azure refused (403): you are not allowed to read the cluster for x',
        'forbidden',
      ),
    );
    expect(publishedCombinedSchema().safeParse(report).success).toBe(true);
    expect(report.exitCode).toBe(2);
    expect(report.clusters.map((c) => [c.outcome, c.exitCode])).toEqual([
      ['forbidden', 2],
      ['unreachable', 2],
      ['forbidden', 2],
    ]);
    expect(report.clusters[0]!.reason).toMatch(/^not allowed to check: /);
    expect(report.clusters[1]!.report).toBeUndefined();
  });

  it('renders Markdown with a section per cluster and a table with one block per cluster', () => {
    const report = combined(
      auditedSection('one', arm('aks-one'), failing),
      unreachedSection('two', arm('aks-two'), 'could not reach Azure: ECONNREFUSED', 'unreachable'),
    );
    expect(JSON.parse(renderCombined(report, 'json'))).toEqual(report);
    const md = renderCombined(report, 'markdown');
    expect(md).toMatch(/^# AKS audit: 2 clusters\n/);
    expect(md).toContain('\n## AKS audit: aks-one\n');
    expect(md).toContain('\n## two\n\nNot audited (unreachable): could not reach Azure');
    expect(md).not.toMatch(/\n# AKS audit: aks-one/);
    const table = renderCombined(report, 'table');
    expect(table).toContain('=== one: audited\n');
    expect(table).toContain('=== two: unreachable (could not reach Azure: ECONNREFUSED)\n');
    expect(table.trimEnd().split('\n').at(-1)).toMatch(/^2 clusters; .*exit code 2/);
  });
});
