// The status line of the running operation: one statement of where it stands.
import { describe, expect, it } from 'vitest';
import type { RunningOperation } from '../../src/model/operation.js';
import { operationLine } from '../../screens/operation-line.js';
import { explainAbortFailure } from '../../src/steps/rotation/explain.js';

const op: RunningOperation = {
  resource: { kind: 'pool', name: 'apps' },
  what: 'Upgrade of pool apps to 1.32.5',
  since: 0,
  sinceKnown: true,
  by: 'this session',
  armState: 'Upgrading',
  phase: 'running',
  nodes: [],
};

describe('operation status line', () => {
  it('after a refused abort: still running, the abort refused, a to try again', () => {
    const line = operationLine(
      { ...op, abort: 'failed', error: { code: 'InternalError', message: 'x' } },
      65_000,
    );
    expect(line.text).toBe(
      'Upgrade of pool apps to 1.32.5 · 1m05s · still running: the abort was refused (InternalError) · a tries again',
    );
    expect(line.symbol).toBe('⟳');
  });

  it('a stalled drain: the budget and the countdown to AKS giving up, right after the elapsed time', () => {
    const line = operationLine(
      { ...op, stall: { budgets: ['payments/orders-db'], givesUpAt: 30 * 60_000 } },
      2 * 60_000 + 19_000,
    );
    expect(line.text).toBe(
      'Upgrade of pool apps to 1.32.5 · 2m19s · blocked by PDB payments/orders-db, AKS gives up in 27m41s · ARM Upgrading · a aborts (Upgrades, Node images)',
    );
    // Started elsewhere: when its drain began is not known, so the budget alone.
    expect(
      operationLine({ ...op, by: 'elsewhere', stall: { budgets: ['payments/orders-db'] } }, 1000)
        .text,
    ).toContain('· blocked by PDB payments/orders-db · ARM');
  });

  it('in --read-only it promises no abort key (none is offered there)', () => {
    for (const shown of [op, { ...op, abort: 'failed' as const }]) {
      const text = operationLine(shown, 1000, true).text;
      expect(text).not.toMatch(/\ba (aborts|tries again)\b/);
      expect(text).toContain('read-only: abort it with az aks nodepool operation-abort');
    }
    const cluster = { ...op, resource: { kind: 'cluster' as const, name: 'aks-prod' } };
    expect(operationLine(cluster, 1000, true).text).toContain('az aks operation-abort');
  });

  it('while the abort runs: canceling, and nothing about a refusal', () => {
    const line = operationLine({ ...op, phase: 'canceling', abort: 'sent' }, 1000);
    expect(line.text).toContain('abort sent, Azure is canceling');
  });
});

describe('a failed abort in words', () => {
  const f = { statusCode: 409, code: 'OperationNotAllowed', message: 'no operation to abort' };

  it('says the operation still runs when ARM shows it running', () => {
    const lines = explainAbortFailure(
      { ...f, statusCode: 500, code: 'InternalError' },
      'pool apps',
      { kind: 'running', what: 'Upgrade of pool apps to 1.32.5' },
    );
    expect(lines).toEqual([
      '✖ The abort of pool apps was refused (InternalError, HTTP 500): Upgrade of pool apps to 1.32.5 is still running. Press a to try the abort again.',
      'AKS said: no operation to abort',
    ]);
  });

  it('says nothing was aborted when the operation had already ended', () => {
    const lines = explainAbortFailure(f, 'pool apps', {
      kind: 'ended',
      what: 'Upgrade of pool apps to 1.32.5',
      state: 'Succeeded',
    });
    expect(lines[0]).toBe(
      '✖ Nothing was aborted on pool apps (OperationNotAllowed, HTTP 409): Upgrade of pool apps to 1.32.5 had already ended (ARM: Succeeded).',
    );
    expect(lines.join(' ')).not.toMatch(/still running|try the abort again/);
  });

  it('says it cannot tell when ARM could not be read', () => {
    expect(explainAbortFailure(f, 'pool apps', { kind: 'unknown' })[0]).toMatch(
      /ARM could not be read to say whether the operation still runs: press r/,
    );
  });
});
