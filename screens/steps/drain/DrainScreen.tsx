import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useContext, useState } from 'react';
import { plural } from '../../../src/model/plural.js';
import { useFilteredList } from '../../components/use-filtered-list.js';
import { listMatches } from '../../../src/model/list-filter.js';
import { KeyBusContext } from '../../key-context.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { theme } from '../../theme.js';
import { Lines } from '../../Lines.js';
import { useKeys } from '../../use-keys.js';
import { loadingKeys, nodeTableKeys, type NodeTableMode } from './node-table-keys.js';
import { nodeHeader, nodeRow, nodeText, previewLines } from './node-rows.js';
import { OptionsForm } from './OptionsForm.js';
import { aksHoldsWhy } from './aks-busy.js';
import { StepFrame } from '../../StepFrame.js';
import { findingsStrip } from '../../findings-strip.js';
import { ProgressView } from './ProgressView.js';
import { withJump } from '../../JumpHost.js';

function DrainScreenBody(props: StepScreenProps<'drain'>) {
  const { state } = props;
  const [mode, setMode] = useState<NodeTableMode>('table');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [offset, setOffset] = useState(0);
  const bus = useContext(KeyBusContext);
  const ready = state !== undefined && state.phase !== 'loading';
  // A key acts only on nodes on screen: the selected nodes the filter shows (in table order),
  // else the node under the cursor. Selected nodes the filter hides are never acted on.
  const chosen = () => {
    const seen = shown.filter((n) => selected.has(n.name)).map((n) => n.name);
    return seen.length > 0 ? seen : current ? [current.name] : ([] as string[]);
  };
  const baseWhy = !state
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
  // What the checklist counts is said above the table, and `v` shows it whole.
  const strip = findingsStrip(props.view.findings ?? [], props.width);
  // Title, findings, table header and the status line, then the warning and the last result.
  const rows = Math.max(
    3,
    props.height -
      3 -
      strip.length -
      (baseWhy || state?.aksBusy ? 1 : 0) -
      (state?.following?.lines.length ?? 0) -
      (props.view.result?.length ?? 0),
  );
  const list = useFilteredList(ready ? state.nodes : [], {
    text: nodeText,
    key: (n) => n.name,
    rows,
    active: props.active,
    items: 'nodes',
    filterDoes: 'filter the nodes by name, pool or condition',
    name: 'node filter',
    // Keeping a filter drops the nodes it hides from the selection: nothing selected is off screen.
    onFilter: (text) => {
      const hidden = [...selected].filter((name) => {
        const node = state?.nodes.find((n) => n.name === name);
        return !node || !listMatches(nodeText(node), text);
      });
      if (hidden.length === 0) return;
      setSelected(new Set([...selected].filter((name) => !hidden.includes(name))));
      bus?.notice(
        `The filter hides ${plural(hidden.length, 'selected node')}: ${hidden.length === 1 ? 'it is' : 'they are'} no longer selected`,
      );
    },
  });
  const { shown, at, focused: current, filter } = list;
  const selectedShown = shown.filter((n) => selected.has(n.name)).length;
  // AKS rotating the pool of a chosen node: none of drain, cordon, uncordon is offered on it.
  const aksWhy = aksHoldsWhy(state, chosen());
  const drainWhy = baseWhy ?? aksWhy;
  const previewed = mode === 'preview' ? chosen() : [];
  const previewLineCount = ready
    ? previewed.reduce((n, name) => n + previewLines(state.previews[name], name).length, 0)
    : 0;
  useKeys(
    ready
      ? {
          name: mode === 'preview' ? 'drain: preview' : 'drain: nodes',
          table: nodeTableKeys({
            mode,
            state,
            current,
            chosen: chosen(),
            selected,
            shown,
            filter,
            drainWhy,
            aksWhy,
            cursor: list.scroll,
            preview: { at: offset, last: previewLineCount - rows, page: rows, to: setOffset },
            setMode,
            select: toggle,
            clearSelection: () => setSelected(new Set()),
            startFilter: list.startFilter,
            clearFilter: list.clearFilter,
            send: props.send,
            actions: props.view.actions,
            onBack: props.onBack,
            onHelp: props.onHelp,
            onQuit: props.onQuit,
          }),
        }
      : { name: 'drain: loading', table: loadingKeys(props) },
    props.active && !list.filtering && (inTable || !ready),
  );

  if (!ready)
    return <Text color={theme.muted}>… Looking at nodes, pods and disruption budgets</Text>;
  if (mode === 'report') {
    return (
      <StepFrame
        step={props.step}
        status={props.status}
        {...props.view}
        width={props.width}
        height={props.height}
        active={props.active}
        onBack={() => setMode('table')}
        backTo="the node table"
        onAction={(key) => props.send({ type: 'action', key })}
        onHelp={props.onHelp}
        onQuit={props.onQuit}
      />
    );
  }
  if (state.phase === 'running' || state.phase === 'done') {
    return <ProgressView {...props} state={state} />;
  }
  if (mode === 'options') {
    return (
      <OptionsForm
        options={state.options}
        active={props.active}
        onHelp={props.onHelp}
        onQuit={props.onQuit}
        onDone={(options) => {
          props.send({ type: 'options', options });
          setMode('table');
        }}
        onCancel={() => setMode('table')}
      />
    );
  }
  const title = (
    <Text wrap="truncate-end">
      <Text bold>Cordon and drain</Text>
      <Text
        color={theme.muted}
      >{` · ${state.cluster} · ${selectedShown} selected${state.dryRun ? ' · DRY RUN' : ''}`}</Text>
    </Text>
  );
  const following = state.following;
  const footer = (
    <>
      {following ? (
        <Lines
          lines={following.lines.map((text) => [
            { text, color: following.refused ? theme.danger : theme.warning },
          ])}
        />
      ) : null}
      {baseWhy ? (
        <Text color={theme.warning} wrap="truncate-end">{`! Drain not offered: ${baseWhy}`}</Text>
      ) : aksWhy ? (
        <Text
          color={theme.warning}
          wrap="truncate-end"
        >{`! Drain, cordon, uncordon not offered: ${aksWhy}`}</Text>
      ) : null}
      {props.view.result ? <Lines lines={props.view.result.map((text) => [{ text }])} /> : null}
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
        >{`Preview (${names.length} node${names.length === 1 ? '' : 's'})`}</Text>
        <Lines lines={lines.slice(top, top + rows)} from={top} />
        {footer}
      </Box>
    );
  }
  const win = list.window;
  return (
    <Box flexDirection="column" width={props.width}>
      {title}
      {strip.map((line, i) => (
        <Text key={`strip-${i}`} color={theme.warning}>
          {line}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        {nodeHeader(props.width)}
      </Text>
      {shown.slice(win.start, win.end).map((n, i) => (
        <Text key={n.name} wrap="truncate-end" inverse={win.start + i === at}>
          {nodeRow(n, selected.has(n.name), props.width, state.previews[n.name])}
        </Text>
      ))}
      {shown.length === 0 ? <Text color={theme.muted}>No node matches the filter.</Text> : null}
      {list.filtering || list.lost ? (
        list.filterLine
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

/** The drain step: choose nodes, preview them, set options, then follow the drain live. */
export const DrainScreen = withJump(DrainScreenBody);
