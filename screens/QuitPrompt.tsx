import type { QuitHow } from './app-actions.js';
import { quitHow } from './common-keys.js';
import { DialogFrame, dialogInnerWidth } from './DialogFrame.js';
import { GuardLine } from './GuardLine.js';
import type { KeyBinding } from './key-table.js';
import { paragraph, type FrameLine } from './step-lines.js';
import { useAnswerGuard } from './use-answer-guard.js';
import { useKeys } from './use-keys.js';

/** Props of the quit question. */
export interface QuitPromptProps {
  active: boolean;
  onStay: () => void;
  onQuit: (how?: QuitHow) => void;
  /** What quitting now leaves behind, a paragraph each (see quit-reasons.ts). */
  reasons: string[];
  /** Work of this program is running (quitting cuts it off). */
  working: boolean;
  width: number;
  height: number;
}

/**
 * Asked when quitting while work runs: `y` or a second Ctrl+C quits; Enter, `n`, Esc or `q` stay.
 * Quitting interrupts the work, so only a key typed after the question appeared quits (a Ctrl+C
 * pressed twice at once does not); staying works at once.
 */
export function QuitPrompt(props: QuitPromptProps) {
  const { active, onStay, onQuit, reasons, working, width, height } = props;
  const { armed, dropped, guard } = useAnswerGuard();
  const table: KeyBinding[] = [
    {
      keys: ['y', 'Y', 'ctrl+c'],
      label: 'y Ctrl+C',
      short: 'y/Ctrl+C',
      does: 'quit now, leaving all this as it is',
      hint: 'quit',
      run: (event) => onQuit(quitHow(event.id)),
    },
    {
      keys: ['enter', 'escape', 'n', 'N', 'q'],
      label: 'Enter Esc n q',
      short: 'Enter/n/Esc',
      does: 'stay (the default)',
      hint: 'stay',
      unguarded: true,
      run: onStay,
    },
  ];
  useKeys({ name: 'quit question', table, guard, ownFooter: true }, active);
  const text = reasons.flatMap((reason, i): FrameLine[] => [
    ...(i > 0 ? [[{ text: '' }]] : []),
    ...paragraph(reason, dialogInnerWidth(width)),
  ]);
  return (
    <DialogFrame
      title={working ? 'Quit while work is running?' : 'Quit and leave this behind?'}
      head={text}
      body={[]}
      bodyTop={0}
      footRows={2}
      width={width}
      height={height}
      foot={
        <GuardLine table={table} armed={armed} dropped={dropped} width={dialogInnerWidth(width)} />
      }
    />
  );
}
