// Every step of --demo at 80x24 and 100x30 in a real terminal (tmux): each finding the checklist counts for
// a step is visible on that step (scrolling, or its report on v), and no line is cut at its end
// in the middle of a word (a name or a command cut short cannot be read or copied).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../src/model/checklist.js';
import { startInTmux, type TmuxTerminal } from '../reliability/tmux.js';
import { tempDir } from '../helpers/temp-dir.js';

interface NotedFinding {
  id: string;
  object?: { kind: string; name: string; namespace?: string };
}

/** The findings each step journaled on its latest look, by step. */
function journaledFindings(state: string): Map<string, NotedFinding[]> {
  const dir = join(state, 'aks-runbook');
  const file = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
  const found = new Map<string, NotedFinding[]>();
  for (const line of readFileSync(join(dir, file), 'utf8').trim().split('\n')) {
    const r = JSON.parse(line) as {
      type: string;
      step?: string;
      message?: string;
      detail?: { findings?: NotedFinding[] };
    };
    if (r.type === 'note' && r.message === 'findings' && r.step) {
      found.set(r.step, r.detail?.findings ?? []);
    }
  }
  return found;
}

/** Every page of the step as the operator can see it: scrolled to the end with PgDn. */
async function pages(t: TmuxTerminal): Promise<string[]> {
  // A capture taken as soon as the title shows can catch the frame half drawn (no footer yet): wait
  // for a drawn footer. A screen that never shows one still fails here (the wait times out).
  const drawn = (s: string) => footerRows(s).length > 0;
  const seen = [await t.waitFor(drawn)];
  for (let i = 0; i < 40; i++) {
    const at = /lines (\d+)–(\d+) of (\d+)/.exec(seen.at(-1)!);
    if (!at || at[2] === at[3]) break;
    t.key('PageDown');
    const before = at[0];
    seen.push(await t.waitFor((s) => !s.includes(before) && drawn(s)));
  }
  return seen;
}

/** Rows of key hints: the footer ends with `? more` or `q quit` (one per screen, at the bottom). */
function footerRows(screen: string): string[] {
  return screen.split('\n').filter((line) => /(^|· )(\? more|q quit)\s*$/.test(line));
}

/** Lines cut at their end: an ellipsis glued to the word it cut. */
function cutLines(screen: string): string[] {
  return screen.split('\n').filter((line) => /\S…\s*$/.test(line));
}

/** The steps the overview lists on --demo (the fleet step only shows for fleet members). */
const LISTED = CHECKLIST.filter((step) => !step.onlyWhenRelevant);

describe('every step at 80x24 and 100x30 shows what the checklist counts', () => {
  it.each([
    [80, 24],
    [100, 30],
  ])(
    'walks --demo at %ix%i: each counted finding is visible on its step, one footer row, no line cut mid-word',
    async (columns, rows) => {
      const state = tempDir('walk-');
      const t = startInTmux(['--demo'], { XDG_STATE_HOME: state }, { columns, rows });
      await t.waitFor('Node images and OS patches', 60_000);
      // Every step has looked: no row is still running.
      const overview = await t.waitFor(
        (s) => LISTED.every((step) => new RegExp(`[✔!✎✖] ${step.id}\\b`).test(s)),
        60_000,
      );
      const problems: string[] = [];
      expect(footerRows(overview), 'the checklist has one footer row').toHaveLength(1);
      const journaled = journaledFindings(state);
      for (const [i, step] of LISTED.entries()) {
        const row = new RegExp(`${step.id}\\s.*\\s(\\d+) findings?`).exec(overview);
        const counted = row ? Number(row[1]) : 0;
        const findings = journaled.get(step.id) ?? [];
        if (step.id !== 'summary') {
          expect(findings.length, `${step.id}: the journal and the checklist agree`).toBe(counted);
        }
        if (i > 0) {
          t.key('Down');
          await t.waitFor(new RegExp(`❯ . ${step.id}\\b`));
        }
        t.key('Enter');
        const opened = await t.waitFor((s) => s.includes(step.title) && !s.includes('Enter open'));
        let screens = await pages(t);
        // Findings folded by subject (too many for the screen): z opens them all.
        if (screens.some((s) => s.includes('z: open every finding'))) {
          t.key('z');
          t.key('g');
          await t.waitFor((s) => !s.includes('z: open every finding') && /lines 1–/.test(s));
          screens = [...screens, ...(await pages(t))];
        }
        // A step with a table of its own shows its findings in its report (v).
        if (/\bv[: ]/.test(opened) && !/Findings \(\d+\)/.test(opened)) {
          t.key('v');
          await t.waitFor(/Findings \(\d+\)|Looks at:/);
          screens = [...screens, ...(await pages(t))];
          if (screens.at(-1)!.includes('z: open every finding')) {
            t.key('z');
            t.key('g');
            await t.waitFor((s) => !s.includes('z: open every finding') && /lines 1–/.test(s));
            screens = [...screens, ...(await pages(t))];
          }
          t.key('Escape');
          await t.waitFor((s) => !/Looks at:/.test(s) || s === opened);
        }
        const text = screens.join('\n');
        for (const f of findings) {
          if (!text.includes(f.id)) problems.push(`${step.id}: ${f.id} is counted but not shown`);
          if (f.object && !text.includes(f.object.name)) {
            problems.push(`${step.id}: ${f.id} on ${f.object.name}: the object is not shown`);
          }
        }
        for (const screen of screens) {
          for (const line of cutLines(screen))
            problems.push(`${step.id}: cut line: ${line.trim()}`);
          const footers = footerRows(screen);
          if (footers.length !== 1) {
            problems.push(`${step.id}: ${footers.length} footer rows: ${footers.join(' | ')}`);
          }
        }
        t.key('Escape');
        await t.waitFor('↑↓ move · Enter open');
      }
      expect(problems).toEqual([]);
      t.key('q');
    },
    240_000,
  );
});

describe('the fleet step at 80x24', () => {
  it('--demo --scenario fleet --all-subscriptions: picks a member, plans a run, no line cut mid-word', async () => {
    const state = tempDir('walk-fleet-');
    const t = startInTmux(
      ['--demo', '--scenario', 'fleet', '--all-subscriptions', '--read-only'],
      { XDG_STATE_HOME: state },
      { columns: 80, rows: 24 },
    );
    const problems: string[] = [];
    const picker = await t.waitFor('Pick a cluster in all 2 subscriptions', 60_000);
    for (const line of cutLines(picker)) problems.push(`picker: cut line: ${line.trim()}`);
    t.key('/');
    t.type('aks-pay-stg');
    await t.waitFor('(1 of 12)');
    t.key('Enter');
    t.key('Enter');
    await t.waitFor(/❯ . connect\b/, 60_000);
    // The fleet step is listed for a fleet member once it has looked.
    await t.waitFor(/[✔!✎✖] fleet\b/, 60_000);
    t.type(':fleet');
    t.key('Enter');
    await t.waitFor('Run to plan', 60_000);
    t.key('p');
    await t.waitFor('Planned; nothing has started.', 60_000);
    // The new result scrolled the step to its end: back to the top before reading it page by page.
    t.key('g');
    await t.waitFor(/lines 1–/);
    const screens = await pages(t);
    const text = screens.join('\n');
    expect(text).toContain('aks-pay-stg is member pay-stg of fleet fleet-contoso');
    expect(text).toMatch(/✖ 4\. pay-stg 1\.30\.12 → 1\.31\.8 blocked/);
    for (const screen of screens) {
      for (const line of cutLines(screen)) problems.push(`fleet: cut line: ${line.trim()}`);
    }
    expect(problems).toEqual([]);
    t.key('q');
  }, 120_000);
});
