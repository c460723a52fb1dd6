import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import type { DrainState } from '../../../src/steps/drain/state.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { theme } from '../../theme.js';
import { actionBindings } from '../../action-keys.js';
import { backKey, helpKey, quitKeys } from '../../common-keys.js';
import type { KeyBinding } from '../../key-table.js';
import { Lines } from '../../Lines.js';
import { scrollBinding } from '../../scroll-keys.js';
import { useKeys } from '../../use-keys.js';
import { aksHoldsWhy } from './aks-busy.js';
import { progressLines } from './progress-lines.js';

/**
 * The live drain: per node and per pod, newest state, windowed to the terminal. While running,
 * `x` asks before aborting and Esc goes back to the checklist with the drain still running (Ctrl+C
 * goes to the app's own quit question). When done, `u` uncordons the nodes left cordoned, `d`
 * continues an interrupted drain (neither while AKS rotates the pool of one of those nodes: said why), the step's keys work (`l` looks again after a failed look), Enter
 * or Esc return to the node table.
 */
export function ProgressView(props: StepScreenProps<'drain'> & { state: DrainState }) {
  const { state } = props;
  const running = state.phase === 'running';
  const [offset, setOffset] = useState<number | undefined>(undefined);
  const result = !running ? (props.view.result ?? []) : [];
  // When the result repeats the stop reason, it is shown once, there.
  const stopped = state.progress?.stopped;
  const lines = state.progress
    ? progressLines(state.progress, props.width, {
        stopped: !stopped || !result.some((line) => line.includes(stopped)),
      })
    : [];
  // After picking up an interrupted drain: the nodes `d` continues draining.
  const toContinue = state.resume?.toContinue ?? [];
  // AKS rotating the pool of one of them: `d` and `u` are withheld, as in the node table.
  const continueWhy = aksHoldsWhy(state, toContinue);
  const uncordonWhy = aksHoldsWhy(state, state.leftCordoned);
  const continues = !running && toContinue.length > 0;
  const uncordons = !running && state.leftCordoned.length > 0;
  const withheld = [
    ...(continues && continueWhy ? ['Continue draining'] : []),
    ...(uncordons && uncordonWhy ? ['uncordon'] : []),
  ];
  const warning =
    withheld.length > 0
      ? `! ${withheld.join(', ')} not offered: ${continueWhy ?? uncordonWhy}`
      : undefined;
  // The title line, then the result when it shows, and the warning.
  const rows = Math.max(3, props.height - 2 - result.length - (warning ? 1 : 0));
  // Follow the newest lines unless the operator scrolled.
  const top = Math.min(
    offset ?? Math.max(0, lines.length - rows),
    Math.max(0, lines.length - rows),
  );
  const last = Math.max(0, lines.length - rows);
  const table: KeyBinding[] = [
    scrollBinding({ at: top, last, page: rows, to: setOffset }, 'scroll the progress', 'scroll'),
    {
      keys: ['x'],
      does: 'abort the drain (asks first, in the confirmation dialog)',
      hint: 'abort',
      when: running,
      run: () => props.send({ type: 'abort' }),
    },
    {
      keys: ['d'],
      does: 'continue draining the nodes the interrupted drain left',
      hint: 'continue draining',
      when: continues && !continueWhy,
      run: () => props.send({ type: 'drain', nodes: toContinue }),
    },
    {
      keys: ['u'],
      does: `uncordon the nodes left cordoned (asks first): ${state.leftCordoned.join(', ')}`,
      hint: `uncordon ${state.leftCordoned.join(', ')}`,
      when: uncordons && !uncordonWhy,
      run: () => props.send({ type: 'uncordon', nodes: state.leftCordoned }),
    },
    // The step's own keys: after a failed look, the `l` its result names.
    ...(running
      ? []
      : actionBindings(props.view.actions, (key) => props.send({ type: 'action', key }))),
    {
      keys: ['enter', 'escape'],
      label: 'Enter Esc',
      short: 'Enter',
      does: 'back to the node table',
      hint: 'back to nodes',
      when: !running,
      run: () => props.send({ type: 'dismiss' }),
    },
    {
      ...backKey(
        props.onBack,
        'back to the checklist (the drain goes on; open the step to follow it)',
      ),
      when: running,
    },
    helpKey(props.onHelp),
    quitKeys(props.onQuit),
  ];
  useKeys({ name: 'drain: progress', table }, props.active);
  return (
    <Box flexDirection="column" width={props.width}>
      <Text wrap="truncate-end">
        <Text bold>
          {running ? 'Draining' : state.resume ? 'Interrupted drain' : 'Drain finished'}
        </Text>
        <Text color={theme.muted}>{` · ${state.cluster}${state.dryRun ? ' · DRY RUN' : ''}`}</Text>
      </Text>
      <Lines lines={lines.slice(top, top + rows)} from={top} />
      {result.length > 0 ? <Lines lines={result.map((text) => [{ text }])} /> : null}
      {warning ? (
        <Text color={theme.warning} wrap="truncate-end">
          {warning}
        </Text>
      ) : null}
    </Box>
  );
}
