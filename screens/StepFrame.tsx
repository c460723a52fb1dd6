import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Finding } from '../src/checks/finding.js';
import type { StepInfo, StepStatus } from '../src/runbook/checklist.js';
import type { StepActionView } from '../src/steps/types.js';
import { nextSort, type FindingSort } from './finding-list.js';
import { findingsSection } from './findings-section.js';
import { LineInput } from './LineInput.js';
import { listWindow } from './list-window.js';
import { heading, listItem, paragraph, type FrameLine } from './step-lines.js';
import { statusLook } from './step-status.js';
import { theme } from './theme.js';
import { isDownKey, isQuitKey, isUpKey, useLayerInput } from './use-layer-input.js';

/** What a step has to show; each section appears only when given. Step screens fill these in. */
export interface StepContent {
  /** What the step saw, a few lines (tables as text). */
  summary?: readonly string[];
  findings?: readonly Finding[];
  /** Keys the operator can press to start a change (none in read-only mode). */
  actions?: readonly StepActionView[];
  /** What the step would change, one line per action. */
  plan?: readonly string[];
  /** Live progress, newest last. */
  progress?: readonly string[];
  /** The outcome, after the step ran and verified. */
  result?: readonly string[];
}

/** Props of the step frame. */
export interface StepFrameProps extends StepContent {
  step: StepInfo;
  status: StepStatus;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onHelp: () => void;
  onQuit: () => void;
  /** The operator pressed an offered action's key. */
  onAction?: (key: string) => void;
}

/**
 * One opened step: title, status, what it looks at and why, then its sections, scrollable. Findings
 * are grouped by subject or object: `s` cycles the sort, `/` filters, `z` folds or opens the groups.
 */
export function StepFrame(props: StepFrameProps) {
  const { step, status, width, height, active, findings } = props;
  const look = statusLook(status);
  const rows = Math.max(1, height - 2);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<FindingSort>('severity');
  const [filter, setFilter] = useState('');
  const [filtering, setFiltering] = useState(false);
  const [folded, setFolded] = useState<boolean>();
  const section = findings
    ? findingsSection(findings, { sort, filter, folded }, width, rows)
    : undefined;
  const lines = frameLines(props, width, section?.lines);
  const maxOffset = Math.max(0, lines.length - rows);
  const top = Math.min(offset, maxOffset);
  // A new outcome scrolls into view: it is the last section, below a plan that can be long.
  const outcome = props.result?.join('\n');
  const [shownOutcome, setShownOutcome] = useState(outcome);
  if (outcome !== shownOutcome) {
    setShownOutcome(outcome);
    if (outcome) setOffset(Number.MAX_SAFE_INTEGER);
  }
  // The findings' own keys, only while there are findings to act on.
  const listKey = (input: string): boolean => {
    if (!findings || findings.length < 2) return false;
    if (input === '/') setFiltering(true);
    else if (input === 's') setSort(nextSort(sort));
    else if (input === 'z') setFolded(!section?.folded);
    else return false;
    return true;
  };
  useLayerInput((input, key) => {
    if (key.escape && filter) setFilter('');
    else if (key.escape) props.onBack();
    else if (isUpKey(input, key)) setOffset(Math.max(0, top - 1));
    else if (isDownKey(input, key)) setOffset(Math.min(maxOffset, top + 1));
    else if (key.pageUp) setOffset(Math.max(0, top - rows));
    else if (key.pageDown) setOffset(Math.min(maxOffset, top + rows));
    else if (input === '?') props.onHelp();
    else if (isQuitKey(input, key)) props.onQuit();
    else if (!key.ctrl && !key.meta && listKey(input)) return;
    else if (!key.ctrl && !key.meta && usable(props.actions, input)) props.onAction?.(input);
  }, active && !filtering);
  const window = listWindow(lines.length, top, rows);
  const shown = lines.slice(top, top + (window.end - window.start));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={look.color}>{look.symbol} </Text>
        <Text bold>{step.title}</Text>
        <Text color={theme.muted}> ({step.id}) · </Text>
        <Text color={look.color}>{look.text}</Text>
      </Text>
      {shown.map((line, index) => (
        <Text key={top + index} wrap="truncate-end">
          {line.map((segment, part) => (
            <Text key={part} color={segment.color} bold={segment.bold}>
              {segment.text}
            </Text>
          ))}
        </Text>
      ))}
      {filtering ? (
        <LineInput
          prompt="/ filter findings › "
          value={filter}
          active={active}
          onChange={(next) => {
            setFilter(next);
            setOffset(0);
          }}
          onSubmit={() => setFiltering(false)}
          onCancel={() => {
            setFilter('');
            setFiltering(false);
          }}
        />
      ) : (
        <Text color={theme.muted} wrap="truncate-end">
          {lines.length > rows
            ? `lines ${top + 1}–${top + shown.length} of ${lines.length} (↑/↓ scroll)`
            : ' '}
        </Text>
      )}
    </Box>
  );
}

const BLANK: FrameLine = [{ text: ' ' }];

function frameLines(
  props: StepFrameProps,
  width: number,
  findingsLines: FrameLine[] | undefined,
): FrameLine[] {
  const { step, summary, findings, actions, plan, progress, result } = props;
  const lines: FrameLine[] = [
    ...paragraph(`Looks at: ${step.looksAt}`, width, '', theme.muted),
    ...paragraph(`Why: ${step.why}`, width),
  ];
  const list = (items: readonly string[], bullet: string) =>
    items.flatMap((item) => listItem(item, bullet, width));
  if (summary) lines.push(BLANK, ...list(summary, ''));
  if (findingsLines) lines.push(BLANK, ...findingsLines);
  if (actions && actions.length > 0)
    lines.push(BLANK, ...heading('Actions'), ...actionLines(actions, width));
  if (plan) lines.push(BLANK, ...heading('Plan'), ...list(plan, '• '));
  if (progress) lines.push(BLANK, ...heading('Progress'), ...list(progress, ''));
  if (result) lines.push(BLANK, ...heading('Result'), ...list(result, ''));
  if (!summary && !findings && !plan && !progress && !result) {
    const note = 'Not built yet: this step shows its findings and plan in a later version.';
    lines.push(BLANK, ...paragraph(note, width, '', theme.muted));
  }
  return lines;
}

/** Whether `input` is the key of an action that can be used now. */
function usable(actions: readonly StepActionView[] | undefined, input: string): boolean {
  return actions?.some((a) => a.key === input && !a.unavailable) ?? false;
}

function actionLines(actions: readonly StepActionView[], width: number): FrameLine[] {
  return actions.flatMap((a) =>
    a.unavailable
      ? paragraph(`[${a.key}] ${a.label} — not available: ${a.unavailable}`, width, '', theme.muted)
      : paragraph(`[${a.key}] ${a.label}`, width),
  );
}
