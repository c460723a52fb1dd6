import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import {
  targetLabel,
  type TargetBreaks,
  type TargetChoice,
} from '../../../src/steps/upgrades/state.js';
import { theme } from '../../theme.js';
import { backKey, helpKey, quitKeys } from '../../common-keys.js';
import { scrollBinding } from '../../scroll-keys.js';
import { useKeys } from '../../use-keys.js';

/** Props: the offered targets, the current version, and what to do with a choice. */
export interface VersionChooserProps {
  current: string;
  choices: readonly TargetChoice[];
  /** Per version, what it would break (deprecated APIs it removes that are still in use). */
  impact: readonly TargetBreaks[];
  active: boolean;
  onChoose: (version: string, preview: boolean) => void;
  onClose: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

/** Picks the control-plane target: GA versions listed; preview ones only after pressing v. */
export function VersionChooser({
  current,
  choices,
  impact,
  active,
  onChoose,
  onClose,
  onHelp,
  onQuit,
}: VersionChooserProps) {
  const [showPreview, setShowPreview] = useState(false);
  const [index, setIndex] = useState(0);
  const listed = choices.filter((c) => showPreview || !c.isPreview);
  const at = Math.min(index, Math.max(0, listed.length - 1));
  const hiddenPreview = choices.filter((c) => c.isPreview).length;
  useKeys(
    {
      name: 'upgrades: target version',
      table: [
        scrollBinding(
          { at, last: listed.length - 1, page: listed.length, to: setIndex },
          'move between the versions',
          'move',
        ),
        {
          keys: ['enter'],
          does: 'choose this version as the target (nothing changes yet)',
          hint: 'choose',
          when: listed[at] !== undefined,
          run: () => listed[at] && onChoose(listed[at].version, listed[at].isPreview),
        },
        {
          keys: ['v'],
          does: 'show or hide preview versions (they have no support)',
          hint: showPreview
            ? 'hide preview'
            : `show preview${hiddenPreview ? ` (${hiddenPreview})` : ''}`,
          when: hiddenPreview > 0,
          run: () => setShowPreview(!showPreview),
        },
        backKey(onClose, 'back to the upgrades step'),
        helpKey(onHelp),
        quitKeys(onQuit),
      ],
    },
    active,
  );
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Choose the control-plane target (now {current})
      </Text>
      {listed.length === 0 ? (
        <Text color={theme.muted}>No generally available upgrade is offered.</Text>
      ) : null}
      {listed.map((c, i) => (
        <Box key={c.version} flexDirection="column">
          <Text wrap="truncate-end">
            <Text color={theme.accent}>{i === at ? '❯ ' : '  '}</Text>
            <Text bold={i === at}>{c.version}</Text>
            <Text color={theme.muted}> {targetLabel(c, current)}</Text>
            {c.isPreview ? <Text color={theme.warning}> ▲ preview: no support</Text> : null}
          </Text>
          <BreaksNote breaks={impact.find((b) => b.version === c.version)} />
        </Box>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        {listed.some((c) => c.kind === 'lts')
          ? 'Minors are skipped only on the LTS plan, to versions AKS offers with LTS.'
          : 'Minors are never skipped: only the next minor and patches are offered.'}
      </Text>
    </Box>
  );
}

/** What a version would break, under its name: a warning when removed APIs are still in use. */
function BreaksNote({ breaks }: { breaks: TargetBreaks | undefined }) {
  if (!breaks) return null;
  return (
    <Box paddingLeft={4}>
      <Text color={breaks.apis.length ? theme.warning : theme.muted} wrap="wrap">
        {breaks.apis.length ? '✖ ' : ''}
        {breaks.label}
      </Text>
    </Box>
  );
}
