import { Box } from 'ink';
import type { StepId } from '../src/model/checklist.js';
import { LineInput } from './LineInput.js';
import { completeJump, jumpCandidates, resolveJump } from './overview-view.js';
import { theme } from './theme.js';
import { Text } from './VisibleText.js';

/** What the `:` prompt holds: the text typed, and why the last Enter opened nothing. */
export interface JumpText {
  text: string;
  error?: string;
}

/** Props of the `:` prompt. */
export interface JumpLineProps {
  prompt: JumpText;
  active: boolean;
  /** Columns the candidates line may use. */
  width: number;
  onChange: (prompt: JumpText) => void;
  onJump: (id: StepId) => void;
  onCancel: () => void;
}

/** The `:` prompt, two lines: the step ids that match (or why none opened), then the input. */
export function JumpLine({ prompt, active, width, onChange, onJump, onCancel }: JumpLineProps) {
  const candidates = jumpCandidates(prompt.text);
  const submit = (text: string) => {
    const target = resolveJump(text);
    if ('error' in target) onChange({ text, error: target.error });
    else onJump(target.id);
  };
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" color={prompt.error ? theme.danger : theme.muted}>
        {prompt.error
          ? `✖ ${prompt.error}`
          : wholeWords(`steps: ${candidates.join(' ') || 'none match'}`, width - 1)}
      </Text>
      <LineInput
        prompt=":"
        value={prompt.text}
        active={active}
        placeholder="step id, Tab completes"
        name="jump to a step"
        submitHint="open the step"
        onChange={(text) => onChange({ text })}
        onTab={(text) => onChange({ text: completeJump(text) })}
        onSubmit={submit}
        onCancel={onCancel}
      />
    </Box>
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
