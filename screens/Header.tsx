import { Box, useWindowSize } from 'ink';
import { Fragment } from 'react';
import { Text } from './VisibleText.js';
import type { SessionMode } from '../src/model/session.js';
import type { OperatorContext } from '../src/model/operator.js';
import { HEADER_SEPARATOR, headerParts, type HeaderPart } from './header-parts.js';
import { theme } from './theme.js';

/** Props of the header line. */
export interface HeaderProps {
  cluster: string | undefined;
  mode: SessionMode;
  /** A retry wait in progress (throttling), shown after the cluster name while it lasts. */
  waiting?: string | undefined;
  /** Who is signed in, and the subscription's name when known. */
  operator?: OperatorContext | undefined;
  subscriptionId?: string | undefined;
  /** The width to fit the line to, shortened part by part (default: the terminal's). */
  width?: number;
}

/**
 * The top line: program, cluster, who is signed in, the subscription, a retry wait, and the
 * safety-mode badges on the right; fitted to the width (see `headerParts` for what gives way).
 */
export function Header({ cluster, mode, waiting, operator, subscriptionId, ...rest }: HeaderProps) {
  const { columns } = useWindowSize();
  const width = rest.width ?? columns;
  const badges = modeBadges(mode)
    .map((badge) => `[${badge}]`)
    .join(' ');
  const room = width - (badges ? badges.length + 1 : 0);
  const parts = headerParts(
    {
      cluster,
      operator: operator?.operator,
      subscriptionId,
      subscriptionName: operator?.subscriptionName,
      waiting,
    },
    room,
  );
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate-end">
          {parts.map((part, index) => (
            <Fragment key={part.role}>
              {index > 0 ? HEADER_SEPARATOR : ''}
              <Part part={part} />
            </Fragment>
          ))}
        </Text>
      </Box>
      {badges ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text color={theme.badge} bold>
            {badges}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

function Part({ part }: { part: HeaderPart }) {
  switch (part.role) {
    case 'program':
      return <Text bold>{part.text}</Text>;
    case 'cluster':
      return (
        <Text bold color={theme.accent}>
          {part.text}
        </Text>
      );
    case 'waiting':
      return <Text color={theme.badge}>{part.text}</Text>;
    default:
      return <Text color={theme.muted}>{part.text}</Text>;
  }
}

/** The badges for the active safety switches, most protective first. */
function modeBadges(mode: SessionMode): string[] {
  const badges: string[] = [];
  if (mode.readOnly) badges.push('READ-ONLY');
  if (mode.dryRun) badges.push('DRY-RUN');
  if (mode.demo) badges.push('DEMO');
  else if (mode.simulated) badges.push('SIM');
  return badges;
}
