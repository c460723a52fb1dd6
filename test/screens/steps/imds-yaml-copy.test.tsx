// The YAML the imds step shows is the YAML itself: copied from the terminal, it parses back to the
// policy the step would create (no bullet, indentation intact, no line wrapped or cut).
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { App } from '../../../screens/App.js';
import type { AppActions } from '../../../screens/app-actions.js';
import type { CodeBlock } from '../../../src/steps/contract/view.js';
import { imdsSession } from '../../steps/imds/harness.js';
import { ENTER, renderInk } from '../../helpers/ink.js';

/** The lines of `frame` from the one starting with `first` up to the next blank line. */
function blockFrom(frame: string, first: string): string[] {
  const lines = frame.split('\n').map((l) => l.trimEnd());
  const start = lines.findIndex((l) => l.startsWith(first));
  expect(start, `a line starting with ${first}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('imds: the policy YAML on screen can be pasted', () => {
  it.each([
    { columns: 100, rows: 60 },
    { columns: 80, rows: 60 },
  ])('at $columns columns it parses back to the policy the step creates', async (size) => {
    const s = await imdsSession('demo');
    try {
      s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
      const actions: AppActions = {
        onQuit: vi.fn(),
        onOpenStep: (id) => void s.host.open(id),
        onStepEvent: (id, event) => void s.host.send(id, event),
      };
      const ui = await renderInk(<App store={s.store} actions={actions} />, size);
      await ui.press(':');
      await ui.type('imds');
      await ui.press(ENTER);
      await ui.waitFor((f) => /shop\s+✖ exposed/.test(f));
      await ui.press('/');
      await ui.type('shop');
      await ui.press(ENTER, ENTER);
      const frame = await ui.waitFor('apiVersion: networking.k8s.io/v1');
      const shown = blockFrom(frame, 'apiVersion:');
      expect(shown.some((l) => l.includes('•'))).toBe(false);
      expect(shown.some((l) => l.includes('…'))).toBe(false);
      const row = s.state().rows.find((r) => r.namespace === 'shop')!;
      const block = row.details.find((d): d is CodeBlock => typeof d !== 'string')!;
      expect(shown).toEqual(block.code);
      const policy = parse(shown.join('\n')) as Record<string, unknown>;
      expect(policy).toEqual(parse(block.code.join('\n')));
      expect(policy).toMatchObject({
        kind: 'NetworkPolicy',
        metadata: { namespace: 'shop' },
      });
    } finally {
      await s.close();
    }
  });
});
