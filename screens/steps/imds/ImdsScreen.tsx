import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import type { ImdsState, ProbeView } from '../../../src/steps/imds/state.js';
import { useFilteredList } from '../../components/use-filtered-list.js';
import type { StepScreenProps } from '../../step-screen-props.js';
import { StepFrame } from '../../StepFrame.js';
import { StepTitle } from '../../StepTitle.js';
import { fit } from '../../../src/model/text-cells.js';
import { theme } from '../../theme.js';
import { backKey, helpKey, quitKeys } from '../../common-keys.js';
import type { KeyBinding } from '../../key-table.js';
import { useKeys } from '../../use-keys.js';
import { ImdsActions } from './ImdsActions.js';
import { findingsStrip } from '../../findings-strip.js';
import {
  columns,
  focusLine,
  headerLine,
  needsWideVerdict,
  rowCells,
  verdictLook,
} from './namespace-table.js';
import { plural } from '../../../src/model/plural.js';
import { withJump } from '../../JumpHost.js';

type Mode = 'table' | 'namespace' | 'report';

// Lines the screen uses besides the table rows: title, engine, filter, header, focus, 3 actions,
// and three lines of progress or result.
const CHROME = 11;

function ImdsScreenBody(props: StepScreenProps<'imds'>) {
  const { step, status, view, width, height, active, send } = props;
  const { state } = props;
  const [mode, setMode] = useState<Mode>('table');
  // What the checklist counts is said above the table; `v` shows it whole.
  const strip = findingsStrip(view.findings ?? [], width);
  const tableRows = Math.max(1, height - CHROME - strip.length);
  // The step keeps the filter too, so it survives the screen being replaced by a dialog.
  const list = useFilteredList(state?.rows ?? [], {
    text: (row) => row.namespace,
    key: (row) => row.namespace,
    rows: tableRows,
    active,
    items: 'namespaces',
    filterDoes: 'filter the namespaces',
    name: 'namespace filter',
    placeholder: 'namespace contains…',
    initial: state?.filter ?? '',
    onFilter: (text) => send({ type: 'filter', text }),
  });
  const { shown: rows, at, focused, filter } = list;
  // While the step looks again (after a change too), nothing is pressed on what it replaces.
  const looking = status.kind === 'running' || state?.phase === 'inspecting';
  const ready = state?.phase === 'ready' && !looking;

  // The actions first: when the footer is too narrow for every key, they are the ones kept.
  const table: KeyBinding[] = [
    {
      keys: ['a'],
      does: 'apply the blocking policy to the included namespaces (dry run first, asks)',
      hint: 'apply',
      when: ready && usable(state, 'a'),
      run: () => send({ type: 'action', key: 'a' }),
    },
    {
      keys: ['r'],
      does: 'roll back: delete only the policies this tool created (asks)',
      hint: 'roll back',
      when: ready && usable(state, 'r'),
      run: () => send({ type: 'action', key: 'r' }),
    },
    {
      keys: ['p'],
      does: 'probe: a short-lived pod per chosen namespace tries 169.254.169.254:80 (typed confirmation)',
      hint: 'probe',
      when: ready && usable(state, 'p'),
      run: () => send({ type: 'action', key: 'p' }),
    },
    {
      keys: ['e'],
      does: 'edit the rule that reopens the endpoint (asks)',
      hint: 'fix the rule',
      when: ready && focused?.verdict === 'reopened' && state?.apply !== undefined,
      run: () => focused && send({ type: 'fix', namespace: focused.namespace }),
    },
    {
      keys: ['l'],
      does: 'look again: read the namespaces and policies again (verifies a change)',
      hint: 'look again',
      when: state?.phase === 'ready' && !looking,
      run: () => send({ type: 'action', key: 'l' }),
    },
    list.scrollKey,
    {
      keys: ['space'],
      does: 'include or exclude the namespace from the change',
      hint: 'in/out',
      when: ready && focused !== undefined,
      run: () => focused && send({ type: 'toggle', namespace: focused.namespace }),
    },
    {
      keys: ['enter'],
      does: "the namespace's pods, policies and verdict",
      hint: 'namespace',
      when: focused !== undefined,
      run: () => setMode('namespace'),
    },
    list.filterKey,
    { keys: ['v'], does: 'the whole report', hint: 'report', run: () => setMode('report') },
    backKey(props.onBack, 'back to the checklist'),
    helpKey(props.onHelp),
    quitKeys(props.onQuit),
  ];
  useKeys({ name: 'imds: namespaces', table }, active && mode === 'table' && !list.filtering);

  if (mode === 'namespace' && focused) {
    return (
      <StepFrame
        step={step}
        status={status}
        summary={[
          focusLine(focused),
          `Verdict: ${verdictLook(focused).text}`,
          ...(focused.chosen && focused.warning ? [`▲ ${focused.warning}`] : []),
          ...probesOf(state, focused.namespace).map((p) => p.line),
        ]}
        findings={focused.findings}
        plan={focused.details}
        width={width}
        height={height}
        active={active}
        onBack={() => setMode('table')}
        backTo="the namespace table"
        onHelp={props.onHelp}
        onQuit={props.onQuit}
      />
    );
  }
  if (mode === 'report') {
    return (
      <StepFrame
        step={step}
        status={status}
        {...view}
        // The table draws a/r/p; here only looking again, which a failed look's result names.
        actions={view.actions?.filter((a) => a.key === 'l')}
        width={width}
        height={height}
        active={active}
        onBack={() => setMode('table')}
        backTo="the namespace table"
        onAction={(key) => send({ type: 'action', key })}
        onHelp={props.onHelp}
        onQuit={props.onQuit}
      />
    );
  }

  const { window } = list;
  const messages = (view.result ?? view.progress ?? []).slice(-3);
  // Measured over every row, so filtering does not move the columns.
  const layout = columns(width, needsWideVerdict(state?.rows ?? []));
  return (
    <Box flexDirection="column" width={width}>
      <StepTitle step={step} status={status} />
      {strip.map((line, i) => (
        <Text key={`strip-${i}`} color={theme.warning}>
          {line}
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text color={theme.muted}>Engine: </Text>
        {state?.engine || '…'}
        {state?.inert ? <Text color={theme.danger}> ▲ {state.inert}</Text> : null}
      </Text>
      {list.filtering || list.lost ? (
        list.filterLine
      ) : (
        <Text color={theme.muted} wrap="truncate-end">
          {state?.forbidden
            ? `✖ ${state.forbidden}`
            : `${plural(rows.length, 'namespace')}${filter ? ` matching "${filter}"` : ''}, ${
                (state?.rows ?? []).filter((r) => r.chosen).length
              } chosen${looking ? ' · inspecting…' : ''}`}
        </Text>
      )}
      <Text bold color={theme.accent} wrap="truncate-end">
        {fit(headerLine(layout), width)}
      </Text>
      {rows.slice(window.start, window.end).map((row, i) => {
        const index = window.start + i;
        const cells = rowCells(row, layout);
        const here = index === at;
        return (
          <Text key={row.namespace} wrap="truncate-end" inverse={here && active}>
            <Text color={theme.accent}>{here ? '▶ ' : '  '}</Text>
            {cells.chosen}
            <Text color={row.chosen ? undefined : theme.muted}>{cells.namespace}</Text>
            <Text color={verdictLook(row).color}>{cells.verdict}</Text>
            {cells.policies}
            {cells.pods}
            <Text color={row.chosen ? undefined : theme.muted}>{cells.action}</Text>
          </Text>
        );
      })}
      {rows.length === 0 ? <Text color={theme.muted}>(no namespace matches)</Text> : null}
      <Text color={theme.muted} wrap="truncate-end">
        {focused && disagrees(state, focused.namespace) ? (
          <Text color={theme.danger}>≠ probe DISAGREES (Enter) · </Text>
        ) : null}
        {focused ? focusLine(focused) : ' '}
        {focused && !disagrees(state, focused.namespace)
          ? probeMark(probesOf(state, focused.namespace)[0])
          : ''}
      </Text>
      <ImdsActions state={state} />
      {messages.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}

function probesOf(state: ImdsState | undefined, namespace: string): ProbeView[] {
  return (state?.probes ?? []).filter((p) => p.namespace === namespace);
}

// A disagreement leads the focus line, so a narrow terminal never cuts it off.
function disagrees(state: ImdsState | undefined, namespace: string): boolean {
  return probesOf(state, namespace).some((p) => p.agree === false);
}

/** The last probe of the focused namespace in a few words, when it agrees or could not tell. */
function probeMark(probe: ProbeView | undefined): string {
  if (!probe) return '';
  if (probe.agree === undefined) return ' · probe could not tell';
  return ` · probe agrees (${probe.probe.kind === 'reachable' ? 'connected' : 'could not connect'})`;
}

function usable(state: ImdsState | undefined, key: 'a' | 'r' | 'p'): boolean {
  const action = key === 'a' ? state?.apply : key === 'r' ? state?.rollback : state?.probe;
  return action !== undefined && action.unavailable === undefined;
}

/** The imds step: a namespace table to choose where to block the metadata endpoint, then act. */
export const ImdsScreen = withJump(ImdsScreenBody);
