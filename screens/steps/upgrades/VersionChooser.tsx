import { Box, Text } from 'ink';
import { useState } from 'react';
import type { TargetChoice } from '../../../src/checks/versions/planner.js';
import { theme } from '../../theme.js';
import { isDownKey, isUpKey, useLayerInput } from '../../use-layer-input.js';

/** Props: the offered targets, the current version, and what to do with a choice. */
export interface VersionChooserProps {
  current: string;
  choices: readonly TargetChoice[];
  active: boolean;
  onChoose: (version: string, preview: boolean) => void;
  onClose: () => void;
}

/** Picks the control-plane target: GA versions listed; preview ones only after pressing v. */
export function VersionChooser({
  current,
  choices,
  active,
  onChoose,
  onClose,
}: VersionChooserProps) {
  const [showPreview, setShowPreview] = useState(false);
  const [index, setIndex] = useState(0);
  const listed = choices.filter((c) => showPreview || !c.isPreview);
  const at = Math.min(index, Math.max(0, listed.length - 1));
  useLayerInput((input, key) => {
    if (key.escape) onClose();
    else if (isUpKey(input, key)) setIndex(Math.max(0, at - 1));
    else if (isDownKey(input, key)) setIndex(Math.min(listed.length - 1, at + 1));
    else if (input === 'v') setShowPreview(!showPreview);
    else if (key.return && listed[at]) onChoose(listed[at].version, listed[at].isPreview);
  }, active);
  const hiddenPreview = choices.filter((c) => c.isPreview).length;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Choose the control-plane target (now {current})
      </Text>
      {listed.length === 0 ? (
        <Text color={theme.muted}>No generally available upgrade is offered.</Text>
      ) : null}
      {listed.map((c, i) => (
        <Text key={c.version} wrap="truncate-end">
          <Text color={theme.accent}>{i === at ? '❯ ' : '  '}</Text>
          <Text bold={i === at}>{c.version}</Text>
          <Text color={theme.muted}>
            {' '}
            {c.kind === 'patch' ? 'patch within the minor' : 'next minor'}
          </Text>
          {c.isPreview ? <Text color={theme.warning}> ▲ preview: no support</Text> : null}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        ↑↓ move · Enter choose · v {showPreview ? 'hide' : 'show'} preview versions
        {hiddenPreview && !showPreview ? ` (${hiddenPreview} hidden)` : ''} · Esc back
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        Minors are never skipped: only the next minor and patches are offered.
      </Text>
    </Box>
  );
}
