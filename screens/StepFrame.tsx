import { Box } from 'ink';
import { Text } from './VisibleText.js';
import { useContext, useState } from 'react';
import { isWaivable } from '../src/waivers/apply-waivers.js';
import { AcceptRiskContext } from './accept-risk-context.js';
import { AcceptRiskForm } from './AcceptRiskForm.js';
import { copyBinding } from './command-lines.js';
import { CopyContext, remedyCommands } from './copy-context.js';
import type { Finding } from '../src/model/finding.js';
import type { StepActionView, ViewItem } from '../src/steps/contract/view.js';
import { groupFindings, nextSort, type FindingSort } from './finding-list.js';
import { findingsSection } from './findings-section.js';
import { LineInput } from './LineInput.js';
import { listWindow } from './list-window.js';
import { heading, listItem, paragraph, viewItemLines, type FrameLine } from './step-lines.js';
import { StepTitle } from './StepTitle.js';
import type { OpenStepProps } from './step-screen-props.js';
import { theme } from './theme.js';
import { actionBindings } from './action-keys.js';
import { backKey, helpKey, quitKeys } from './common-keys.js';
import { scrollBinding } from './scroll-keys.js';
import { useKeys } from './use-keys.js';
import { withJump } from './JumpHost.js';

/** What a step has to show; each section appears only when given. Step screens fill these in. */
export interface StepContent {
  /** What the step saw, a few lines (tables as text). */
  summary?: readonly string[];
  findings?: readonly Finding[];
  /** Keys the operator can press to start a change (none in read-only mode). */
  actions?: readonly StepActionView[];
  /** What the step would change, one line per action; YAML and commands as code blocks. */
  plan?: readonly ViewItem[];
  /** Live progress, newest last. */
  progress?: readonly string[];
  /** The outcome, after the step ran and verified. */
  result?: readonly string[];
}

/** Props of the step frame. */
export interface StepFrameProps extends StepContent, OpenStepProps {
  /** The operator pressed an offered action's key. */
  onAction?: (key: string) => void;
  /** What Esc goes back to, for the footer and the help (default: the checklist). */
  backTo?: string;
}

function StepFrameBody(props: StepFrameProps) {
  const { step, status, width, height, active, findings } = props;
  const rows = Math.max(1, height - 2);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<FindingSort>('severity');
  const [filter, setFilter] = useState('');
  const [filtering, setFiltering] = useState(false);
  const [folded, setFolded] = useState<boolean>();
  const section = findings
    ? findingsSection(findings, { sort, filter, folded }, width, rows)
    : undefined;
  const copy = useContext(CopyContext);
  const commands = remedyCommands(findings);
  const copyNote =
    commands.length > 0 && copy.onCopy
      ? [
          ...paragraph(
            `Ctrl+Y copies the ${commands.length === 1 ? 'command' : `${commands.length} commands`} above (→ $) to ${copy.file ?? 'a file'} and to the terminal's clipboard.`,
            width,
            '',
            theme.muted,
          ),
          ...(copy.copied ? paragraph(copy.copied, width, '', theme.ok) : []),
        ]
      : [];
  const lines = frameLines(props, width, section && [...section.lines, ...copyNote]);
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
  const listed = (findings?.length ?? 0) >= 2;
  // "Accept this risk": offered when the session keeps waivers, for findings not yet waived.
  const risk = useContext(AcceptRiskContext);
  const [accepting, setAccepting] = useState(false);
  // Only the findings on screen, in the order shown: a filter's hidden findings are not offered.
  const onScreen = groupFindings(findings ?? [], sort, filter).flatMap((g) => g.findings);
  const acceptable = risk ? onScreen.filter((f) => !f.waiver && isWaivable(f.id)) : [];
  const formOpen = accepting && acceptable.length > 0;
  useKeys(
    {
      name: `step ${step.id}`,
      table: [
        ...actionBindings(props.actions, (key) => props.onAction?.(key)),
        scrollBinding(
          { at: top, last: maxOffset, page: rows, to: setOffset },
          'scroll the step',
          'scroll',
        ),
        {
          keys: ['/'],
          does: 'filter the findings by id, object, subject or message (Enter keeps, Esc clears)',
          hint: 'filter',
          when: listed,
          run: () => setFiltering(true),
        },
        {
          keys: ['s'],
          does: 'sort the findings: by severity, by id, by object',
          hint: 'sort',
          when: listed,
          run: () => setSort(nextSort(sort)),
        },
        {
          keys: ['z'],
          does: 'fold the findings to one line per subject or object, or open them',
          when: listed,
          run: () => setFolded(!section?.folded),
        },
        {
          keys: ['A'],
          does: 'accept the risk of a finding shown: a waiver with a reason, an owner and an expiry',
          hint: 'accept risk',
          when: acceptable.length > 0,
          run: () => setAccepting(true),
        },
        // Letters are the step's actions: copying the remedies' commands takes Ctrl+Y.
        copyBinding(commands, copy, ['ctrl+y']),
        {
          ...backKey(() => setFilter(''), 'clear the findings filter', 'clear filter'),
          when: filter !== '',
        },
        {
          ...backKey(props.onBack, `back to ${props.backTo ?? 'the checklist'}`),
          when: filter === '',
        },
        helpKey(props.onHelp),
        quitKeys(props.onQuit),
      ],
    },
    active && !filtering && !formOpen,
  );
  const window = listWindow(lines.length, top, rows);
  const form =
    risk && formOpen ? (
      <AcceptRiskForm
        findings={acceptable}
        risk={risk}
        height={rows}
        active={active}
        onSubmit={(finding, answer) => {
          setAccepting(false);
          risk.accept(step.id, finding, answer);
        }}
        onCancel={() => setAccepting(false)}
      />
    ) : undefined;
  const shown = lines.slice(top, top + (window.end - window.start));
  return (
    <Box flexDirection="column">
      <StepTitle step={step} status={status} />
      {form ??
        shown.map((line, index) => (
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
          name="findings filter"
          submitHint="keep the filter"
          cancelHint="clear the filter"
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
          {lines.length > rows ? `lines ${top + 1}–${top + shown.length} of ${lines.length}` : ' '}
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
  if (plan)
    lines.push(
      BLANK,
      ...heading('Plan'),
      ...plan.flatMap((item) => viewItemLines(item, '• ', width)),
    );
  if (progress) lines.push(BLANK, ...heading('Progress'), ...list(progress, ''));
  if (result) lines.push(BLANK, ...heading('Result'), ...list(result, ''));
  if (!summary && !findings && !plan && !progress && !result) {
    const note = 'Not built yet: this step shows its findings and plan in a later version.';
    lines.push(BLANK, ...paragraph(note, width, '', theme.muted));
  }
  return lines;
}

function actionLines(actions: readonly StepActionView[], width: number): FrameLine[] {
  return actions.flatMap((a) =>
    a.unavailable
      ? paragraph(`[${a.key}] ${a.label} — not available: ${a.unavailable}`, width, '', theme.muted)
      : paragraph(`[${a.key}] ${a.label}`, width),
  );
}

/**
 * One opened step: title, status, what it looks at and why, then its sections, scrollable. Findings
 * are grouped by subject or object: `s` cycles the sort, `/` filters, `z` folds or opens the groups.
 */
export const StepFrame = withJump(StepFrameBody);
