// `--fail-on-new` with a baseline: a fact that could not be read (`*unknown`) always counts, so
// less data never passes where more would fail (README "Headless audit", `--fail-on-new` row:
// "a fact not reported (`*unknown`) always counts"; Finding ids: versions.upgrade-window-unknown
// and nodeos.window-unknown are "could not be read: not known"). A maintenance window unreadable
// in the baseline and again now is `unchanged` and passes, while the same cluster read in full
// (the window really missing: versions.no-upgrade-window, new) fails the gate.
import { describe, expect, it } from 'vitest';
import { countsForGate } from '../../src/report/exit-code.js';

describe('--fail-on-new and a maintenance window that could not be read', () => {
  for (const id of ['versions.upgrade-window-unknown', 'nodeos.window-unknown']) {
    it.fails(`${id} seen in the baseline too still counts for --fail-on medium`, () => {
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
});
