// "Dialogs fit 80x24: the title, the cluster and the change stay in view and the details scroll
// beneath them" holds for a change naming a whole pool too: a drain of 40 nodes names the first
// few and counts the rest (every node is in the details), and any head too tall for the screen
// keeps its start and goes on in the scrolled body.
import { expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainNode } from '../../src/model/drain.js';
import type { ConfirmationRequest } from '../../src/model/session.js';
import { cordonConfirmation, drainConfirmation } from '../../src/steps/drain/confirmations.js';
import { renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const node = (i: number): DrainNode => ({
  name: `aks-apps-98308395-vmss${String(i).padStart(6, '0')}`,
  pool: 'apps',
  ready: true,
  schedulable: true,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 3,
});
const nodes = Array.from({ length: 40 }, (_, i) => node(i));

async function asked(request: ConfirmationRequest) {
  const store = connectedStore();
  const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />);
  await ui.act(() => void store.ask(request));
  return ui.waitFor('Confirm a change');
}

it('a drain of a 40-node pool asks in a dialog that fits 80x24, title, cluster and field in view', async () => {
  const request = drainConfirmation('aks-prod-weu', nodes, {}, DEFAULT_DRAIN_OPTIONS);
  expect(request.change).toMatch(/^Cordon and drain 40 nodes \(.*vmss000002 and 37 more\)$/);
  const frame = await asked(request);
  expect({
    rows: frame.split('\n').length <= 24,
    cluster: frame.includes('Cluster: aks-prod-weu'),
    change: frame.includes('Change: Cordon and drain 40 nodes'),
    field: frame.includes('Type aks-prod-weu and press Enter'),
  }).toEqual({ rows: true, cluster: true, change: true, field: true });
});

it('a cordon of 40 nodes counts the rest, and its details name every node', () => {
  const request = cordonConfirmation('aks-prod-weu', nodes, false);
  expect(request.change).toContain('and 37 more');
  expect(request.details?.join('\n')).toContain('aks-apps-98308395-vmss000039');
});

it('any change too long for the head keeps its start in view and goes on below', async () => {
  const words = Array.from({ length: 60 }, (_, i) => `object-${i}`).join(', ');
  const frame = await asked({
    cluster: 'aks-prod-weu',
    change: `Delete ${words}`,
    details: ['one detail'],
  });
  expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  expect(frame).toContain('Cluster: aks-prod-weu');
  expect(frame).toContain('Change: Delete object-0');
  expect(frame).toMatch(/the change goes on for \d+ more lines below/);
  expect(frame).toContain('No, cancel');
});
