import { Text as InkText, type TextProps } from 'ink';
import { Children, type ReactNode } from 'react';
import { visible } from '../src/model/visible-text.js';

/**
 * Ink's `Text`, for every screen: each string it prints goes through `visible` first, so a name
 * or a message from the cluster that holds escape sequences or control characters is shown, never
 * acted on by the terminal. Screens import this `Text`, never Ink's (a lint rule holds that).
 */
export function Text({ children, ...props }: TextProps) {
  return <InkText {...props}>{Children.map(children, shown)}</InkText>;
}

function shown(child: ReactNode): ReactNode {
  return typeof child === 'string' ? visible(child) : child;
}
