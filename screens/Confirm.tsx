import { Box } from 'ink';
import { useState } from 'react';
import type { ConfirmationRequest } from '../src/model/session.js';
import { changeLines, confirmTitle } from './change-lines.js';
import { copyBinding, type CopyCommands } from './command-lines.js';
import { DialogFrame, boundedHead, dialogBodyRows, dialogInnerWidth } from './DialogFrame.js';
import { GuardLine } from './GuardLine.js';
import type { KeyEvent } from './key-bus.js';
import { helpLines, keysToggle } from './help-lines.js';
import { workingBindings, type KeyBinding } from './key-table.js';
import type { FrameLine } from './step-lines.js';
import { scrollBinding } from './scroll-keys.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { typedByHand, useAnswerGuard } from './use-answer-guard.js';
import { useKeys } from './use-keys.js';

/** Props shared by both confirmation dialogs. */
export interface ConfirmProps {
  request: ConfirmationRequest;
  active: boolean;
  onAnswer: (yes: boolean) => void;
  /** The space the dialog may take (the terminal below the header, above the footer). */
  width: number;
  height: number;
  /** Copying the equivalent commands, when the session offers it. */
  copy?: CopyCommands;
}

type Choice = 'cancel' | 'yes';

// A blank line, the buttons, the keys, and a line for what was ignored.
const FOOT_ROWS = 4;

const STRAY_TEXT = '! Text was typed here: it does not answer, and Enter now cancels.';

/**
 * Yes/No confirmation that starts on Cancel. Enter activates the focused button; ←/→, Tab or `y`
 * move focus (no single key confirms); `n`, Esc and Ctrl+C cancel. Only keys typed after the
 * dialog appeared count (see `useAnswerGuard`), and Enter must come in a read of its own after
 * the key that moved to Yes; backing out works at once. Any key the dialog ignores sets the choice
 * back to No, and once text it has no use for was typed (a shell command meant for another window,
 * a paste sent as keys) nothing moves it to Yes again: Enter then cancels.
 */
export function Confirm({ request, active, onAnswer, width, height, copy = {} }: ConfirmProps) {
  const [focus, setFocus] = useState<Choice>('cancel');
  // Text typed into the dialog that no key here takes: the operator is typing somewhere else.
  const [strayText, setStrayText] = useState(false);
  // The read that moved focus to Yes: Enter must come in a later one (`y` + Enter typed or pasted
  // in one go is not two separate keystrokes).
  const [yesBurst, setYesBurst] = useState(0);
  const answerGuard = useAnswerGuard();
  const { armed, dropped } = answerGuard;
  // Ignored text leaves the choice on No, and text pasted as keys is stray. (An Enter ignored for
  // coming with the `y` leaves Yes chosen: the next Enter on its own confirms.)
  const guard = {
    admits: (event: KeyEvent) => answerGuard.guard.admits(event),
    dropped: (event?: KeyEvent) => {
      if (event && isText(event)) {
        setFocus('cancel');
        if (!typedByHand(event)) setStrayText(true);
      }
      answerGuard.guard.dropped(event);
    },
  };
  const choose = (next: Choice, event: KeyEvent) => {
    if (next === 'yes' && strayText) {
      guard.dropped(event);
      return;
    }
    setFocus(next);
    setYesBurst(event.burst);
  };
  const [bodyTop, setBodyTop] = useState(0);
  // `?` shows the dialog's keys in place of the details (the key line may leave some out).
  const [keysShown, setKeysShown] = useState(false);
  const inner = dialogInnerWidth(width);
  const lines = boundedHead({
    ...changeLines(request, inner, { ...copy, key: 'c' }),
    footRows: FOOT_ROWS,
    height,
  });
  const head = lines.head;
  const tableFor = (body: readonly FrameLine[]): KeyBinding[] => {
    const { rows, scrolls } = dialogBodyRows({ head, body, footRows: FOOT_ROWS, height });
    return [
      {
        keys: ['left', 'right', 'tab', 'shift+tab'],
        label: '← → Tab',
        short: '←/→ Tab',
        does: 'move between No and Yes',
        hint: 'choose',
        run: (event) => choose(focus === 'yes' ? 'cancel' : 'yes', event),
      },
      {
        keys: ['y', 'Y'],
        does: 'move to Yes (it does not confirm by itself)',
        run: (event) => choose('yes', event),
      },
      {
        keys: ['enter'],
        does: 'do what is chosen: nothing, unless you moved to Yes',
        hint: 'do what is chosen',
        run: (event) => {
          if (focus === 'yes' && event.burst <= yesBurst) guard.dropped(event);
          else onAnswer(focus === 'yes' && !strayText);
        },
      },
      {
        keys: ['escape', 'n', 'N', 'ctrl+c'],
        label: 'Esc n Ctrl+C',
        short: 'Esc/n',
        does: 'cancel: change nothing',
        hint: 'cancel',
        unguarded: true,
        run: () => onAnswer(false),
      },
      copyBinding(request.commands, copy, ['c', 'C', 'ctrl+y']),
      {
        ...scrollBinding(
          { at: bodyTop, last: body.length - rows, page: rows, to: setBodyTop },
          keysShown ? 'scroll the keys' : 'scroll the details of the change',
        ),
        when: scrolls,
        unguarded: true,
      },
      keysToggle(keysShown, setKeysShown, setBodyTop),
    ];
  };
  const body = keysShown
    ? [
        [{ text: 'Keys (? again: back to the details):', color: theme.muted }],
        ...helpLines(workingBindings(tableFor(lines.body)), inner),
      ]
    : lines.body;
  const table = tableFor(body);
  useKeys(
    {
      name: 'confirmation',
      table,
      guard,
      ownFooter: true,
      // Letters no key here takes (`clear`, `ls`): typing meant for another window.
      onText: (_text, event) => {
        setStrayText(true);
        guard.dropped(event);
      },
    },
    active,
  );
  return (
    <DialogFrame
      title={confirmTitle(request, false)}
      head={head}
      body={body}
      bodyTop={bodyTop}
      footRows={FOOT_ROWS}
      width={width}
      height={height}
      foot={
        <>
          <Box marginTop={1} gap={2}>
            <Button label="No, cancel" focused={focus === 'cancel'} />
            <Button label="Yes, go ahead" focused={focus === 'yes'} />
          </Box>
          <GuardLine
            table={table}
            armed={armed}
            dropped={dropped}
            width={inner}
            {...(strayText ? { note: STRAY_TEXT } : {})}
          />
        </>
      }
    />
  );
}

/** Whether a key is a printable character (text), not a named key such as Enter or an arrow. */
function isText(event: KeyEvent): boolean {
  return event.key.name === 'char' && !event.key.ctrl && !event.key.meta;
}

/** A button; the focused one is marked with arrows, not only with colour. */
function Button({ label, focused }: { label: string; focused: boolean }) {
  return (
    <Text bold={focused} inverse={focused} color={focused ? theme.accent : undefined}>
      {focused ? `▶ ${label} ◀` : `  ${label}  `}
    </Text>
  );
}
