import { Box } from 'ink';
import { useState } from 'react';
import { typedOverReads } from '../src/model/typed-answer.js';
import { visible } from '../src/model/visible-text.js';
import type { ConfirmProps } from './Confirm.js';
import { changeLines, confirmTitle } from './change-lines.js';
import { copyBinding } from './command-lines.js';
import { DialogFrame, boundedHead, dialogBodyRows, dialogInnerWidth } from './DialogFrame.js';
import { GuardLine } from './GuardLine.js';
import type { KeyEvent } from './key-bus.js';
import { helpLines, keysToggle } from './help-lines.js';
import { workingBindings, type KeyBinding } from './key-table.js';
import { LineInput, lineInputTable, type LineInputProps } from './LineInput.js';
import { Lines } from './Lines.js';
import { scrolledTo } from './scroll-keys.js';
import { paragraph } from './step-lines.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { typedByHand, useAnswerGuard } from './use-answer-guard.js';

const PASTE_REFUSED = 'Pasted text does not count here: type the name yourself.';
const ONE_READ = 'The name came all at once, as a paste does: type it yourself, key by key.';

/**
 * Confirmation for the riskiest changes: proceeds only when the exact name is typed; Esc cancels.
 * Typed means typed: a paste does not count (bracketed, or keys arriving many in one read, which
 * also empty the field, or a
 * read carrying as many characters as the name has, edited after or not: `typedOverReads`), nor do keys
 * typed before the dialog appeared.
 */
export function TypedConfirm({
  request,
  active,
  onAnswer,
  width,
  height,
  copy = {},
}: ConfirmProps) {
  const expected = request.typed ?? request.cluster;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [bodyTop, setBodyTop] = useState(0);
  const [keysShown, setKeysShown] = useState(false);
  // The read of the last typed character: Enter must come in a later one, so a name and Enter
  // typed or pasted in one go (a terminal without bracketed paste) never confirm.
  const [typedBurst, setTypedBurst] = useState(0);
  // The reads that typed into the field since it was last empty (deleted characters too): how
  // many printable characters each carried, by read.
  const [nameReads, setNameReads] = useState<ReadonlyMap<number, number>>(new Map());
  const answerGuard = useAnswerGuard();
  const { armed, dropped } = answerGuard;
  // A read carrying a paste as keys answers nothing (the guard drops it) and empties the field.
  const guard = {
    admits: (event: KeyEvent) => answerGuard.guard.admits(event),
    dropped: (event?: KeyEvent) => {
      if (event && !typedByHand(event)) {
        setValue('');
        setNameReads(new Map());
        setError(PASTE_REFUSED);
      }
      answerGuard.guard.dropped(event);
    },
  };
  const inner = dialogInnerWidth(width);
  // Letters are typed into the name here, so copying takes Ctrl+Y.
  const lines = changeLines(request, inner, { ...copy, key: 'Ctrl+Y' });
  const ask = paragraph(
    `Type ${visible(expected)} and press Enter to go ahead, or Esc to cancel.`,
    inner,
  );
  // A blank line, what to type, the field, a message, the keys, and what was ignored.
  const footRows = 1 + ask.length + 1 + 1 + 2;
  const { head, body: details } = boundedHead({ ...lines, footRows, height });
  // What the body shows (the details, or the keys after `?`) and its rows: set once the keys are.
  const shown = { body: details, rows: 0 };
  const submit = (typed: string) => {
    if (typed === expected) onAnswer(true);
    else if (typed === '') setError('Nothing typed. Nothing was changed.');
    else setError(`"${typed}" is not "${expected}". Nothing was changed; type it exactly.`);
  };
  // The details scroll with the keys a name cannot contain.
  const scroll: KeyBinding = {
    keys: ['up', 'down', 'pageup', 'pagedown'],
    label: '↑↓ PgUp/PgDn',
    does: keysShown ? 'scroll the keys' : 'scroll the details of the change',
    unguarded: true,
    run: (event) => {
      const { body, rows } = shown;
      setBodyTop(
        scrolledTo({ at: bodyTop, last: body.length - rows, page: rows, to: setBodyTop }, event.id),
      );
    },
  };
  // `?` shows the keys in place of the details (the key line may leave some out); a name to
  // type never holds one.
  const help = keysToggle(keysShown, setKeysShown, setBodyTop);
  const field: LineInputProps = {
    prompt: '› ',
    value,
    active,
    name: 'typed confirmation',
    submitHint: 'go ahead, if the name is right',
    cancelHint: 'cancel: change nothing',
    guard,
    ownFooter: true,
    extraKeys: [scroll, copyBinding(request.commands, copy, ['ctrl+y']), help],
    width: inner,
    onPaste: () => setError(PASTE_REFUSED),
    onChange: (next, event) => {
      setValue(next);
      setError(undefined);
      if (!event) return;
      setTypedBurst(event.burst);
      // A read of keys only (Backspace, arrows) typed nothing.
      setNameReads((was) =>
        next === ''
          ? new Map()
          : event.typedInRead > 0
            ? new Map(was).set(event.burst, event.typedInRead)
            : was,
      );
    },
    onSubmit: (typed, event) => {
      if (event.burst <= typedBurst || !typedByHand(event)) guard.dropped(event);
      else if (!typedOverReads(typed, [...nameReads.values()])) {
        // A short name pasted whole (edited or not): it leaves the field, to be typed by hand.
        setValue('');
        setNameReads(new Map());
        setError(ONE_READ);
      } else submit(typed);
    },
    onCancel: () => onAnswer(false),
  };
  const keys = lineInputTable(field);
  if (keysShown) {
    shown.body = [
      [{ text: 'Keys (? again: back to the details):', color: theme.muted }],
      ...helpLines(workingBindings(keys), inner),
    ];
  }
  const { rows, scrolls } = dialogBodyRows({ head, body: shown.body, footRows, height });
  shown.rows = rows;
  scroll.when = scrolls;
  const body = shown.body;
  return (
    <DialogFrame
      title={confirmTitle(request, true)}
      head={head}
      body={body}
      bodyTop={bodyTop}
      footRows={footRows}
      width={width}
      height={height}
      foot={
        <Box marginTop={1} flexDirection="column">
          <Lines lines={ask} />
          <LineInput {...field} />
          <Text color={theme.danger} wrap="truncate-end">
            {error ? `✖ ${error}` : ' '}
          </Text>
          <GuardLine table={keys} armed={armed} dropped={dropped} width={inner} />
        </Box>
      }
    />
  );
}
