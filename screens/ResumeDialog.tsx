import { actionOn } from '../src/model/journal.js';
import { Box } from 'ink';
import { useState } from 'react';
import { STEP_IDS } from '../src/model/checklist.js';
import type { ResumeAnswer, ResumeOffer } from '../src/runbook/resume.js';
import { visible } from '../src/model/visible-text.js';
import { DialogFrame, dialogBodyRows, dialogInnerWidth } from './DialogFrame.js';
import { GuardLine } from './GuardLine.js';
import type { KeyBinding } from './key-table.js';
import { listWindow } from './list-window.js';
import { scrollBinding } from './scroll-keys.js';
import { paragraph, type FrameLine } from './step-lines.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { useAnswerGuard } from './use-answer-guard.js';
import { useKeys } from './use-keys.js';
import { plural } from '../src/model/plural.js';

/** What the operator chose about an interrupted session. */
export type ResumeChoice = ResumeAnswer;

/** Props of the resume dialog. */
export interface ResumeDialogProps {
  offer: ResumeOffer;
  active: boolean;
  onChoice: (choice: ResumeChoice) => void;
  width: number;
  height: number;
}

/**
 * Says that the last session on this cluster ended with changes under way and lists them (step,
 * action, target, time). Enter opens the selected change's step, which looks at the cluster as it
 * is now; `d` shows details; Esc dismisses. The list comes from a journal: shown as data. Only keys
 * typed after the dialog appeared open a step (an Enter meant for the checklist does not); Esc
 * works at once.
 */
export function ResumeDialog({ offer, active, onChoice, width, height }: ResumeDialogProps) {
  const [selected, setSelected] = useState(0);
  const [details, setDetails] = useState(false);
  const { armed, dropped, guard } = useAnswerGuard();
  const intents = offer.intents;
  const current = intents[selected];
  const step = STEP_IDS.find((id) => id === current?.step);
  const inner = dialogInnerWidth(width);
  const head = paragraph(
    `${unsettledWords(intents)} The cluster may be half-changed: look at it as it is now before going on.${offer.skippedRecords ? ` ${plural(offer.skippedRecords, 'line')} of that journal ${offer.skippedRecords === 1 ? 'was not a valid record and was' : 'were not valid records and were'} skipped.` : ''}`,
    inner,
  );
  const body: FrameLine[] = intents.map((intent, index) => [
    {
      text: `${index === selected ? '▸ ' : '  '}${intent.time.replace('T', ' ').slice(0, 19)} ${intent.step}: ${actionOn(intent.action, intent.target)}${intent.outcomeUnknown ? ' (sent; outcome unknown)' : ''}`,
      bold: index === selected,
    },
  ]);
  const footRows = (details ? 3 : 0) + 2;
  const { rows } = dialogBodyRows({ head, body, footRows, height });
  const table: KeyBinding[] = [
    {
      ...scrollBinding(
        { at: selected, last: intents.length - 1, page: rows, to: setSelected },
        'move between the changes left in flight',
        'move',
      ),
      unguarded: true,
    },
    {
      keys: ['enter', 'o'],
      label: 'Enter o',
      short: 'Enter',
      does: "open that change's step: it looks at the cluster as it is now",
      hint: 'open that step',
      when: step !== undefined,
      run: () => {
        if (step) onChoice({ kind: 'open', step, intents: intents.filter((i) => i.step === step) });
      },
    },
    {
      keys: ['d'],
      does: 'show or hide the details (journal file, request)',
      hint: 'details',
      run: () => {
        if (!details) onChoice({ kind: 'details' });
        setDetails(!details);
      },
    },
    {
      keys: ['escape'],
      does: 'dismiss: go to the checklist',
      hint: 'dismiss',
      // Backing out changes nothing: only opening a step waits out the guard against pastes.
      unguarded: true,
      run: () => onChoice({ kind: 'dismiss' }),
    },
  ];
  useKeys({ name: 'interrupted session', table, guard, ownFooter: true }, active);
  return (
    <DialogFrame
      title="⚠ The last session on this cluster ended in the middle of a change"
      head={head}
      body={body}
      bodyTop={listWindow(intents.length, selected, rows).start}
      footRows={footRows}
      width={width}
      height={height}
      foot={
        <>
          {details && current ? (
            <Box flexDirection="column" marginTop={1}>
              <Text color={theme.muted} wrap="truncate-middle">
                journal: {offer.journalPath}
              </Text>
              <Text color={theme.muted} wrap="truncate-end">
                {current.detail ? `detail: ${visible(JSON.stringify(current.detail))}` : ' '}
              </Text>
            </Box>
          ) : null}
          <GuardLine table={table} armed={armed} dropped={dropped} width={inner} />
        </>
      }
    />
  );
}

/** How the earlier session left its changes: intents with no result, sends whose outcome is unknown. */
function unsettledWords(intents: ResumeOffer['intents']): string {
  const unknown = intents.filter((i) => i.outcomeUnknown).length;
  const open = intents.length - unknown;
  const words: string[] = [];
  if (open > 0)
    words.push(
      `It wrote ${plural(open, 'intent')} and never ${open === 1 ? 'its' : 'their'} result (a crash, a kill or a lost connection).`,
    );
  if (unknown > 0)
    words.push(
      `It sent ${plural(unknown, 'change')} whose outcome it never learnt (the answer was lost or the session quit while ${unknown === 1 ? 'it' : 'they'} ran); Azure may still be applying ${unknown === 1 ? 'it' : 'them'}.`,
    );
  return words.join(' ');
}
