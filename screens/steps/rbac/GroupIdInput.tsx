import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import { isGuid } from '../../../src/model/guid.js';
import type { CandidateView } from '../../../src/steps/rbac/state.js';
import { LineInput } from '../../LineInput.js';
import { theme } from '../../theme.js';

/** Props of the group object id prompt. */
export interface GroupIdInputProps {
  candidate: CandidateView;
  active: boolean;
  onSubmit: (group: string) => void;
  onCancel: () => void;
}

/** Asks for the Entra group object id that replaces the user; refuses anything but a GUID. */
export function GroupIdInput({ candidate, active, onSubmit, onCancel }: GroupIdInputProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const submit = (typed: string) => {
    const id = typed.trim();
    if (isGuid(id)) onSubmit(id);
    else
      setError(
        `"${typed}" is not a group object id: expected a GUID like 6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f.`,
      );
  };
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Replace {candidate.user} with an Entra group
      </Text>
      <Text wrap="wrap">
        On {candidate.binding} ({candidate.role}). Type the group&apos;s object id (Entra ID →
        Groups → Object ID); names are not accepted, the API server matches ids.
      </Text>
      <Box marginTop={1}>
        <LineInput
          prompt="Group object id › "
          value={value}
          active={active}
          placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          name="group object id"
          submitHint="show the plan (nothing changes yet)"
          cancelHint="back to the users"
          onChange={(next) => {
            setValue(next);
            setError(undefined);
          }}
          onSubmit={submit}
          onCancel={onCancel}
        />
      </Box>
      {error ? (
        <Text color={theme.danger} wrap="wrap">
          ✖ {error}
        </Text>
      ) : (
        <Text> </Text>
      )}
    </Box>
  );
}
