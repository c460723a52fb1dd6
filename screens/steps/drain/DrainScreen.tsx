import { Box, Text } from 'ink';
import { useState } from 'react';
import type { DrainState } from '../../../src/steps/drain/state.js';
import { LineInput } from '../../LineInput.js';
import { listWindow } from '../../list-window.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { theme } from '../../theme.js';
import { isDownKey, isQuitKey, isUpKey, useLayerInput } from '../../use-layer-input.js';
import { Lines } from './Lines.js';
import { filterNodes, nodeHeader, nodeRow, previewLines } from './node-rows.js';
import { OptionsForm } from './OptionsForm.js';
import { ProgressView } from './ProgressView.js';

type Mode = 'table' | 'filter' | 'preview' | 'options';

/** The drain step: choose nodes, preview them, set options, then follow the drain live. */
export function DrainScreen(props: StepScreenProps) {
  const state = props.state as DrainState | undefined;
  const [mode, setMode] = useState<Mode>('table');
  const [filter, setFilter] = useState('');
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [offset, setOffset] = useState(0);
  const ready = state !== undefined && state.phase !== 'loading';
  const shown = ready ? filterNodes(state.nodes, filter) : [];
  const at = Math.min(cursor, Math.max(0, shown.length - 1));
  const current = shown[at];
  const chosen = () =>
    selected.size > 0 ? [...selected] : current ? [current.name] : ([] as string[]);
  const drainWhy = !state
    ? 'loading'
    : state.readOnly
      ? 'read-only mode'
      : (state.rights.cordon ??
        (state.options.disableEviction ? state.rights.delete : state.rights.evict));
  const toggle = (names: string[], on?: boolean) => {
    const next = new Set(selected);
    for (const n of names) {
      if (on ?? !next.has(n)) next.add(n);
      else next.delete(n);
    }
    setSelected(next);
  };
  const inTable = ready && state.phase === 'choose' && (mode === 'table' || mode === 'preview');
  useLayerInput((input, key) => {
    if (!state) return;
    if (key.escape) {
      if (mode === 'preview') setMode('table');
      else if (filter) setFilter('');
      else props.onBack();
    } else if (input === '?') props.onHelp();
    else if (isQuitKey(input, key)) props.onQuit();
    else if (isUpKey(input, key)) {
      if (mode === 'preview') setOffset(Math.max(0, offset - 1));
      else setCursor(Math.max(0, at - 1));
    } else if (isDownKey(input, key)) {
      if (mode === 'preview') setOffset(offset + 1);
      else setCursor(Math.min(shown.length - 1, at + 1));
    } else if (input === '/' && mode === 'table') setMode('filter');
    else if (key.return && mode === 'table' && current) {
      setOffset(0);
      setMode('preview');
    } else if (input === ' ' && current) toggle([current.name]);
    else if (input === 'p' && current) {
      const pool = state.nodes.filter((n) => n.pool === current.pool).map((n) => n.name);
      toggle(pool, !pool.every((n) => selected.has(n)));
    } else if (input === 'r')
      toggle(
        state.nodes.filter((n) => n.rebootNeeded).map((n) => n.name),
        true,
      );
    else if (input === 'c') setSelected(new Set());
    else if (input === 'o' && !state.readOnly) setMode('options');
    else if (input === 'd' && !drainWhy) props.send({ type: 'drain', nodes: chosen() });
    else if (input === 'u' && !state.readOnly && !state.rights.cordon) {
      const cordoned = chosen().filter(
        (n) => state.nodes.find((x) => x.name === n)?.schedulable === false,
      );
      if (cordoned.length > 0) props.send({ type: 'uncordon', nodes: cordoned });
    }
  }, props.active && inTable);

  if (!ready)
    return <Text color={theme.muted}>… Looking at nodes, pods and disruption budgets</Text>;
  if (state.phase === 'running' || state.phase === 'done') {
    return <ProgressView {...props} state={state} />;
  }
  if (mode === 'options') {
    return (
      <OptionsForm
        options={state.options}
        active={props.active}
        onDone={(options) => {
          props.send({ type: 'options', options });
          setMode('table');
        }}
      />
    );
  }
  const rows = Math.max(3, props.height - 6);
  const hints = [
    'Space select',
    'p pool',
    'r reboot-needed',
    '/ filter',
    'Enter preview',
    ...(state.readOnly ? [] : ['o options']),
    ...(drainWhy ? [] : ['d drain']),
    ...(state.readOnly || state.rights.cordon ? [] : ['u uncordon']),
    'Esc back',
  ];
  const title = (
    <Text wrap="truncate-end">
      <Text bold>Cordon and drain</Text>
      <Text
        color={theme.muted}
      >{` · ${state.cluster} · ${selected.size} selected${state.dryRun ? ' · DRY RUN' : ''}`}</Text>
    </Text>
  );
  const footer = (
    <>
      {drainWhy ? (
        <Text color={theme.warning} wrap="truncate-end">{`! Drain not offered: ${drainWhy}`}</Text>
      ) : null}
      {state.result ? <Lines lines={state.result.map((text) => [{ text }])} /> : null}
      <Text color={theme.muted} wrap="truncate-end">
        {hints.join(' · ')}
      </Text>
    </>
  );
  if (mode === 'preview') {
    const names = chosen();
    const lines = names.flatMap((n) => previewLines(state.previews[n], n));
    const top = Math.min(offset, Math.max(0, lines.length - rows));
    return (
      <Box flexDirection="column">
        {title}
        <Text
          color={theme.accent}
        >{`Preview (${names.length} node${names.length === 1 ? '' : 's'}) · Esc table`}</Text>
        <Lines lines={lines.slice(top, top + rows)} from={top} />
        {footer}
      </Box>
    );
  }
  const win = listWindow(shown.length, at, rows);
  return (
    <Box flexDirection="column" width={props.width}>
      {title}
      <Text color={theme.muted} wrap="truncate-end">
        {nodeHeader(props.width)}
      </Text>
      {shown.slice(win.start, win.end).map((n, i) => (
        <Text key={n.name} wrap="truncate-end" inverse={win.start + i === at}>
          {nodeRow(n, selected.has(n.name), props.width)}
        </Text>
      ))}
      {shown.length === 0 ? <Text color={theme.muted}>No node matches the filter.</Text> : null}
      {mode === 'filter' ? (
        <LineInput
          prompt="/"
          value={filter}
          active={props.active}
          onChange={(v) => {
            setFilter(v);
            setCursor(0);
          }}
          onSubmit={() => setMode('table')}
          onCancel={() => {
            setFilter('');
            setMode('table');
          }}
        />
      ) : (
        <Text color={theme.muted} wrap="truncate-end">
          {shown.length > rows
            ? `rows ${win.start + 1}–${win.end} of ${shown.length}`
            : filter
              ? `filter: ${filter}`
              : ' '}
        </Text>
      )}
      {footer}
    </Box>
  );
}
