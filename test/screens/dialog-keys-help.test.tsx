// A confirmation whose keys do not fit says "? more" in its key line; `?` then shows every key of
// the question in place of the details (the copy key the line left out too), and `?` again goes
// back. In a typed confirmation `?` is that key, never typed into the name.
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import type { ConfirmationRequest } from '../../src/model/session.js';
import { renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const request: ConfirmationRequest = {
  cluster: 'aks-shop-prod',
  change: 'Cordon node aks-system-37794733-vmss000000 (no pod is evicted)',
  details: ['No new pod will be scheduled there.'],
  commands: ['kubectl cordon aks-system-37794733-vmss000000'],
};

async function asked(req: ConfirmationRequest) {
  const store = connectedStore();
  store.update({ commands: { file: '/state/aks-runbook/commands.txt' } });
  const onAnswer = vi.fn();
  const ui = await renderInk(
    <App store={store} actions={{ onQuit: vi.fn(), onCopyCommands: vi.fn() }} />,
  );
  await ui.act(() => void store.ask(req).then(onAnswer));
  await ui.waitFor('? more');
  return { ui, onAnswer };
}

describe('"? more" in a confirmation', () => {
  it('Yes/No: ? shows the keys the line left out (c copies); ? again shows the details', async () => {
    const { ui, onAnswer } = await asked(request);
    await ui.press('?');
    expect(ui.frame()).toMatch(/copy the equivalent commands/);
    expect(ui.frame()).toContain('▶ No, cancel ◀');
    await ui.press('?');
    expect(ui.frame()).toContain('No new pod will be scheduled there.');
    expect(ui.frame()).not.toMatch(/copy the equivalent commands/);
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('typed: ? shows the keys and is not typed into the name', async () => {
    const { ui, onAnswer } = await asked({ ...request, typed: 'aks-shop-prod' });
    await ui.press('?');
    expect(ui.frame()).not.toMatch(/› \?/);
    expect(ui.frame()).toMatch(/copy the equivalent commands/);
    expect(onAnswer).not.toHaveBeenCalled();
  });
});
