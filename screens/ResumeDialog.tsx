import { Box, Text } from 'ink';
import { useState } from 'react';
import { STEP_IDS } from '../src/runbook/checklist.js';
import type { ResumeAnswer, ResumeOffer } from '../src/runbook/resume.js';
import { DialogFrame } from './DialogFrame.js';
import { theme } from './theme.js';
import { isDownKey, isUpKey, useLayerInput } from './use-layer-input.js';

/** What the operator chose about an interrupted session. */
export type ResumeChoice = ResumeAnswer;

/** Props of the resume dialog. */
export interface ResumeDialogProps {
  offer: ResumeOffer;
  active: boolean;
  onChoice: (choice: ResumeChoice) => void;
}

const SHOWN = 6;

/**
 * Says that the last session on this cluster ended with changes under way and lists them (step,
 * action, target, time). Enter opens the selected change's step, which looks at the cluster as it
 * is now; `d` shows details; Esc dismisses.
 */
export function ResumeDialog({ offer, active, onChoice }: ResumeDialogProps) {
  const [selected, setSelected] = useState(0);
  const [details, setDetails] = useState(false);
  const intents = offer.intents;
  const current = intents[selected];
  const step = STEP_IDS.find((id) => id === current?.step);
  useLayerInput((input, key) => {
    if (isUpKey(input, key)) setSelected((i) => Math.max(0, i - 1));
    else if (isDownKey(input, key)) setSelected((i) => Math.min(intents.length - 1, i + 1));
    else if ((key.return || input === 'o') && step) {
      onChoice({ kind: 'open', step, intents: intents.filter((i) => i.step === step) });
    } else if (input === 'd') {
      if (!details) onChoice({ kind: 'details' });
      setDetails(!details);
    } else if (key.escape) onChoice({ kind: 'dismiss' });
  }, active);
  const start = Math.max(0, Math.min(selected - SHOWN + 1, intents.length - SHOWN));
  return (
    <DialogFrame title="⚠ The last session on this cluster ended in the middle of a change">
      <Text>
        It wrote {intents.length} intent(s) and never their result (a crash, a kill or a lost
        connection). The cluster may be half-changed: look at it as it is now before going on.
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {intents.slice(start, start + SHOWN).map((intent, index) => {
          const here = start + index === selected;
          return (
            <Text key={`${intent.time}-${start + index}`} wrap="truncate-end" bold={here}>
              {here ? '▸ ' : '  '}
              {intent.time.replace('T', ' ').slice(0, 19)} {intent.step}: {intent.action}{' '}
              {intent.target}
            </Text>
          );
        })}
        {intents.length > SHOWN ? (
          <Text color={theme.muted}>({intents.length} in all; ↑/↓ to see them)</Text>
        ) : null}
      </Box>
      {details && current ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.muted} wrap="truncate-middle">
            journal: {offer.journalPath}
          </Text>
          {current.detail ? (
            <Text color={theme.muted} wrap="truncate-end">
              detail: {JSON.stringify(current.detail)}
            </Text>
          ) : null}
        </Box>
      ) : null}
      <Text color={theme.muted}>
        {step ? 'Enter: open that step (re-inspects now) · ' : ''}d: details · Esc: dismiss
      </Text>
    </DialogFrame>
  );
}
