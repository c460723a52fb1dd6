import { Box } from 'ink';
import { useState } from 'react';
import type { Finding } from '../src/model/finding.js';
import type { RiskAnswer } from '../src/waivers/risk-desk.js';
import type { AcceptRisk } from './accept-risk-context.js';
import { LineInput } from './LineInput.js';
import { listWindow } from './list-window.js';
import { objectLabel } from './finding-list.js';
import { scrollBinding } from './scroll-keys.js';
import { severityLook } from './step-lines.js';
import { theme } from './theme.js';
import { useKeys } from './use-keys.js';
import { Text } from './VisibleText.js';

/** Props of the "accept this risk" form. */
export interface AcceptRiskFormProps {
  /** The findings whose risk may be accepted (not waived, not holes). */
  findings: readonly Finding[];
  risk: AcceptRisk;
  height: number;
  active: boolean;
  onSubmit: (finding: Finding, answer: RiskAnswer) => void;
  onCancel: () => void;
}

const FIELDS = ['reason', 'owner', 'expires'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Accepting a risk: pick the finding (↑/↓, Enter), then type why, who answers for it and until
 * when. The last Enter hands it to the logic, which asks for confirmation; Esc backs out.
 */
export function AcceptRiskForm({
  findings,
  risk,
  height,
  active,
  onSubmit,
  onCancel,
}: AcceptRiskFormProps) {
  // The cursor is on a finding, not a row: a look that changes the list keeps it there.
  const [cursor, setCursor] = useState<{ index: number; key?: string }>({ index: 0 });
  const [picked, setPicked] = useState<Finding>();
  const [field, setField] = useState<Field>('reason');
  const [answer, setAnswer] = useState<RiskAnswer>({
    reason: '',
    owner: '',
    expires: risk.suggested,
  });
  const found =
    cursor.key === undefined ? -1 : findings.findIndex((f) => findingKey(f) === cursor.key);
  const at = found >= 0 ? found : Math.max(0, Math.min(cursor.index, findings.length - 1));
  // The finding under the cursor went away: Enter picks nothing until the operator moves.
  const lost = cursor.key !== undefined && found < 0;
  const here = findings[at];
  if (cursor.key === undefined && here) setCursor({ index: at, key: findingKey(here) });
  else if (found >= 0 && found !== cursor.index) setCursor({ index: found, key: cursor.key });
  const move = (index: number) => {
    const f = findings[index];
    setCursor({ index, key: f && findingKey(f) });
  };
  const rows = Math.max(1, height - 3);
  useKeys(
    {
      name: 'accept a risk: pick the finding',
      table: [
        scrollBinding(
          { at, last: findings.length - 1, page: rows, to: move },
          'move between the findings',
          'move',
        ),
        {
          keys: ['enter'],
          does: 'accept the risk of this finding',
          hint: 'pick',
          when: !lost && here !== undefined,
          run: () => setPicked(here),
        },
        { keys: ['escape'], does: 'back out: nothing is written', hint: 'cancel', run: onCancel },
      ],
    },
    active && picked === undefined,
  );
  const head = (
    <Text bold color={theme.accent} wrap="truncate-end">
      Accept a risk: a waiver in {risk.file}
    </Text>
  );
  if (!picked) {
    const window = listWindow(findings.length, at, rows);
    return (
      <Box flexDirection="column">
        {head}
        <Text color={lost ? theme.warning : theme.muted} wrap="truncate-end">
          {lost
            ? 'The finding under the cursor is gone: move the cursor (↑↓) to pick one.'
            : 'Which finding? It stays in reports, marked waived, until it expires.'}
        </Text>
        {findings.slice(window.start, window.end).map((f, i) => {
          const look = severityLook(f.severity);
          const focused = window.start + i === at;
          return (
            <Text key={`${f.id} ${objectLabel(f.object)}`} wrap="truncate-end">
              <Text color={theme.accent}>{focused ? '▶ ' : '  '}</Text>
              <Text color={look.color}>{look.label} </Text>
              <Text bold={focused}>{f.id}</Text>
              <Text color={theme.muted}> {objectLabel(f.object)}</Text>
            </Text>
          );
        })}
      </Box>
    );
  }
  const next = FIELDS[FIELDS.indexOf(field) + 1];
  const prompts: Record<Field, string> = {
    reason: 'why is it accepted › ',
    owner: 'who answers for it › ',
    expires: `until (YYYY-MM-DD, ${risk.latest} at the latest) › `,
  };
  return (
    <Box flexDirection="column">
      {head}
      <Text wrap="truncate-end">
        {picked.id} <Text color={theme.muted}>{objectLabel(picked.object)}</Text>
      </Text>
      {FIELDS.slice(0, FIELDS.indexOf(field)).map((f) => (
        <Text key={f} color={theme.muted} wrap="truncate-end">
          {prompts[f]}
          {answer[f]}
        </Text>
      ))}
      <LineInput
        key={field}
        prompt={prompts[field]}
        value={answer[field]}
        active={active}
        name={`risk ${field}`}
        submitHint={next ? 'next' : 'accept (asks to confirm)'}
        cancelHint="back out: nothing is written"
        onChange={(value) => setAnswer({ ...answer, [field]: value })}
        onSubmit={(value) => {
          if (value.trim() === '') return;
          if (next) setField(next);
          else onSubmit(picked, answer);
        }}
        onCancel={onCancel}
      />
    </Box>
  );
}

/** What tells findings apart: id, object and subject. */
function findingKey(f: Finding): string {
  return `${f.id} ${objectLabel(f.object)} ${f.subject ?? ''}`;
}
