// The equivalent commands in a confirmation: each on a line of its own, never wrapped, and a key
// that copies them (the app turns it into the clipboard and a file; here the action is a spy).
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { CopyContext } from '../../screens/copy-context.js';
import { StepFrame } from '../../screens/StepFrame.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { Finding } from '../../src/model/finding.js';
import type { ConfirmationRequest } from '../../src/model/session.js';
import { renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const LONG =
  'az aks nodepool upgrade -g rg-shop-prod --cluster-name aks-shop-prod -n apps --kubernetes-version 1.32.5 --subscription 1f3a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8';

async function shown(request: ConfirmationRequest) {
  const store = connectedStore();
  store.update({ commands: { file: '/state/aks-runbook/commands.txt' } });
  const onCopyCommands = vi.fn((commands: string[]) =>
    store.update({
      commands: {
        file: '/state/aks-runbook/commands.txt',
        copied: `✔ Copied ${commands.length}`,
        asked: store.getState().asked,
      },
    }),
  );
  const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn(), onCopyCommands }} />);
  await ui.act(() => void store.ask(request));
  return { ui, onCopyCommands };
}

/** The command that starts on `lines[at]`, read back through its ` \\` continuations. */
function commandAt(lines: string[], at: number, prompt = '$ '): string {
  const words: string[] = [];
  for (let i = at; i < lines.length; i++) {
    const text = lines[i]!.replace(/^[│\s]*/, '').replace(/[│\s]*$/, '');
    const body = i === at ? text.slice(text.indexOf(prompt) + prompt.length) : text;
    expect(body).not.toContain('…');
    if (!body.endsWith(' \\')) return [...words, body].join(' ');
    words.push(body.slice(0, -2));
  }
  return words.join(' ');
}

describe('equivalent commands in a confirmation at 80x24', () => {
  it('yes/no: each command on lines of its own, broken only with shell continuations; c copies them all', async () => {
    const request: ConfirmationRequest = {
      cluster: 'aks-shop-prod',
      change: 'Cordon and drain 2 nodes',
      commands: ['kubectl drain aks-apps-1 --ignore-daemonsets --timeout=300s', LONG],
    };
    const { ui, onCopyCommands } = await shown(request);
    const lines = ui.frame().split('\n');
    const first = lines.findIndex((l) => l.includes('$ kubectl drain aks-apps-1'));
    expect(first).toBeGreaterThan(0);
    expect(lines[first + 1]).toContain('$ az aks nodepool upgrade -g rg-shop-prod');
    // Nothing cut: the long command reads back whole from its continued lines.
    expect(commandAt(lines, first + 1)).toBe(LONG);
    expect(ui.frame()).toContain('/state/aks-runbook/commands.txt');
    await ui.press('c');
    expect(onCopyCommands).toHaveBeenCalledWith(request.commands);
    await ui.waitFor('✔ Copied 2');
    // Copying answered nothing: the dialog is still open on Cancel.
    expect(ui.frame()).toContain('Confirm a change');
    await ui.unmount();
  });

  it('typed: Ctrl+Y copies (letters are typed into the name)', async () => {
    const request: ConfirmationRequest = {
      cluster: 'aks-shop-prod',
      change: 'Upgrade pool apps',
      commands: [LONG],
      typed: 'aks-shop-prod',
    };
    const { ui, onCopyCommands } = await shown(request);
    expect(ui.frame()).toContain('Ctrl+Y copies it');
    await ui.press('c');
    expect(onCopyCommands).not.toHaveBeenCalled();
    await ui.press('\u0019');
    expect(onCopyCommands).toHaveBeenCalledWith([LONG]);
    await ui.waitFor('✔ Copied 1');
    expect(ui.frame()).toContain('› c');
    await ui.unmount();
  });
});

describe('commands among a step’s remedies', () => {
  it('are shown on lines of their own, broken only with shell continuations, and Ctrl+Y copies them', async () => {
    const onCopy = vi.fn();
    const command =
      'az aks update -g rg-shop-prod -n aks-shop-prod --enable-aad --aad-admin-group-object-ids <admin-group-object-id>';
    const findings: Finding[] = [
      {
        id: 'access.entra-disabled',
        severity: 'high',
        message: 'Entra ID integration is off.',
        remediation: command,
      },
      {
        id: 'access.local-accounts',
        severity: 'medium',
        message: 'Local accounts are on.',
        remediation: 'Turn them off once Entra ID works for everyone.',
      },
    ];
    const ui = await renderInk(
      <CopyContext.Provider value={{ onCopy, file: '/state/commands.txt' }}>
        <StepFrame
          step={CHECKLIST.find((s) => s.id === 'api-access')!}
          status={{ kind: 'findings', count: 2 }}
          findings={findings}
          width={80}
          height={22}
          active
          onBack={vi.fn()}
          onHelp={vi.fn()}
          onQuit={vi.fn()}
        />
      </CopyContext.Provider>,
    );
    const lines = ui.frame().split('\n');
    const at = lines.findIndex((l) => l.includes('→ $ az aks update -g rg-shop-prod'));
    expect(at).toBeGreaterThan(0);
    expect(commandAt(lines, at, '→ $ ')).toBe(command);
    // Advice stays wrapped prose, and is not copied.
    expect(ui.frame()).toContain('→ Turn them off');
    expect(ui.frame()).toContain('Ctrl+Y copies the command above');
    await ui.press('\u0019');
    expect(onCopy).toHaveBeenCalledWith([command]);
    await ui.unmount();
  });
});
