import { Box } from 'ink';
import type { StepId } from '../src/model/checklist.js';
import { LineInput } from './LineInput.js';
import { completeJump, jumpCandidates, resolveJump, type OverviewView } from './overview-view.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';

/** Props of the overview's last line. */
export interface OverviewPromptProps {
  view: OverviewView;
  onView: (view: OverviewView) => void;
  active: boolean;
  onOpen: (id: StepId) => void;
  /** Steps left after the filter. */
  shown: number;
  /** Steps listed with no filter. */
  listed: number;
  /** The part of the list on screen. */
  window: { start: number; end: number };
  /** Columns the prompt may use. */
  width: number;
}

/** The last line: the open prompt, or where the list stands (filter, scrolled part). */
export function OverviewPrompt(props: OverviewPromptProps) {
  const { view, onView, active, shown, listed, window } = props;
  const prompt = view.prompt;
  const close = () => onView({ ...view, prompt: undefined });
  if (prompt?.kind === 'filter') {
    return (
      <LineInput
        prompt="/"
        value={prompt.text}
        active={active}
        placeholder="type to filter by id or title"
        name="checklist filter"
        submitHint="keep the filter"
        cancelHint="clear the filter"
        onChange={(text) => onView({ ...view, prompt: { kind: 'filter', text } })}
        onSubmit={(text) => onView({ ...view, filter: text.trim(), prompt: undefined })}
        onCancel={() => onView({ ...view, filter: '', prompt: undefined })}
      />
    );
  }
  if (prompt?.kind === 'jump') {
    const candidates = jumpCandidates(prompt.text);
    const jump = (text: string) => {
      const target = resolveJump(text);
      if ('error' in target)
        onView({ ...view, prompt: { kind: 'jump', text, error: target.error } });
      else {
        onView({ selected: target.id, filter: '' });
        props.onOpen(target.id);
      }
    };
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end" color={prompt.error ? theme.danger : theme.muted}>
          {prompt.error
            ? `✖ ${prompt.error}`
            : wholeWords(`steps: ${candidates.join(' ') || 'none match'}`, props.width - 1)}
        </Text>
        <LineInput
          prompt=":"
          value={prompt.text}
          active={active}
          placeholder="step id, Tab completes"
          name="jump to a step"
          submitHint="open the step"
          onChange={(text) => onView({ ...view, prompt: { kind: 'jump', text } })}
          onTab={(text) => onView({ ...view, prompt: { kind: 'jump', text: completeJump(text) } })}
          onSubmit={jump}
          onCancel={close}
        />
      </Box>
    );
  }
  const parts: string[] = [];
  if (view.filter) {
    parts.push(`filter "${view.filter}": ${shown} of ${listed} steps (Esc clears)`);
  }
  if (window.start > 0 || window.end < shown) {
    parts.push(`showing ${window.start + 1}–${window.end} of ${shown}`);
  }
  return (
    <Text wrap="truncate-end" color={theme.muted}>
      {parts.join(' · ') || ' '}
    </Text>
  );
}

/** `text` cut to `width` columns between words, never inside a step id (`…` says more follow). */
function wholeWords(text: string, width: number): string {
  if (Array.from(text).length <= width) return text;
  const words = text.split(' ');
  let kept = words[0]!;
  for (const word of words.slice(1)) {
    if (Array.from(`${kept} ${word} …`).length > width) break;
    kept = `${kept} ${word}`;
  }
  return `${kept} …`;
}
