import { Box, Text } from 'ink';
import { useState } from 'react';
import type { DrainState } from '../../../src/steps/drain/state.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { theme } from '../../theme.js';
import { isCtrlC, isDownKey, isUpKey, useLayerInput } from '../../use-layer-input.js';
import { Lines } from './Lines.js';
import { progressLines } from './progress-lines.js';

/**
 * The live drain: per node and per pod, newest state, windowed to the terminal. While running,
 * `x` or Esc asks before aborting (Ctrl+C goes to the app's own quit question). When done, `u`
 * uncordons the nodes left cordoned, `d` continues an interrupted drain, Enter returns to the table.
 */
export function ProgressView(props: StepScreenProps & { state: DrainState }) {
  const { state } = props;
  const running = state.phase === 'running';
  const [asking, setAsking] = useState(false);
  const [offset, setOffset] = useState<number | undefined>(undefined);
  const lines = state.progress ? progressLines(state.progress) : [];
  const result = !running ? (state.result ?? []) : [];
  // After picking up an interrupted drain: the nodes `d` continues draining.
  const toContinue = state.resume?.toContinue ?? [];
  const rows = Math.max(3, props.height - 4 - result.length);
  // Follow the newest lines unless the operator scrolled.
  const top = Math.min(
    offset ?? Math.max(0, lines.length - rows),
    Math.max(0, lines.length - rows),
  );
  useLayerInput((input, key) => {
    if (asking) {
      if (input === 'y') {
        setAsking(false);
        props.send({ type: 'abort' });
      } else if (input === 'n' || key.escape || key.return) setAsking(false);
      return;
    }
    if (isUpKey(input, key)) setOffset(Math.max(0, top - 1));
    else if (isDownKey(input, key)) setOffset(top + 1);
    else if (input === '?') props.onHelp();
    else if (running && (input === 'x' || key.escape)) setAsking(true);
    else if (isCtrlC(input, key) || input === 'q') props.onQuit();
    else if (!running && input === 'd' && toContinue.length > 0) {
      props.send({ type: 'drain', nodes: toContinue });
    } else if (!running && input === 'u' && state.leftCordoned.length > 0) {
      props.send({ type: 'uncordon', nodes: state.leftCordoned });
    } else if (!running && (key.return || key.escape)) props.send({ type: 'dismiss' });
  }, props.active);
  const hint = running
    ? 'x abort (asks) · ↑↓ scroll · Ctrl+C quit (asks)'
    : `${toContinue.length > 0 ? 'd continue draining · ' : ''}${state.leftCordoned.length > 0 ? `u uncordon ${state.leftCordoned.join(', ')} · ` : ''}Enter back to nodes · ↑↓ scroll`;
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
      {asking ? (
        <Text color={theme.danger} wrap="truncate-end">
          Abort the drain? In-flight requests are cancelled; the node stays cordoned. y/N
        </Text>
      ) : (
        <Text color={theme.muted} wrap="truncate-end">
          {hint}
        </Text>
      )}
    </Box>
  );
}
