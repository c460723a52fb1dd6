import { Box } from 'ink';
import {
  createContext,
  useContext,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
  type RefObject,
} from 'react';
import type { StepId } from '../src/model/checklist.js';
import { InputSuspended, KeyBusContext } from './key-context.js';
import { JumpLine, type JumpText } from './JumpLine.js';
import type { OpenStepProps } from './step-screen-props.js';

/** How the app opens the step a `:` prompt names (none: the prompt only closes). */
export const JumpContext = createContext<((id: StepId) => void) | undefined>(undefined);

/** Set inside a jump host: a screen drawn in another's (the drain report) adds no second prompt. */
const InsideJumpHost = createContext(false);

/** Props of the jump host: the screen's room and whether its keys work now. */
export interface JumpHostProps {
  active: boolean;
  width: number;
  height: number;
  children: ReactNode;
}

/**
 * `:` on a step screen (k9s style): opens the jump prompt at the bottom, unless the screen takes
 * `:` itself (a text field types it). While the prompt is open the screen below gets no key at
 * all, so a step id typed there never reaches its actions; Enter opens the step, Esc closes.
 */
export function JumpHost({ active, width, height, children }: JumpHostProps) {
  const nested = useContext(InsideJumpHost);
  const bus = useContext(KeyBusContext);
  const onJump = useContext(JumpContext);
  const parent = useContext(InputSuspended);
  const id = useId();
  const [prompt, setPrompt] = useState<JumpText>();
  const open = prompt !== undefined;
  const openRef = useRef(false);
  // The screen below is held (its keys dropped) while the prompt is open, or while it is held.
  const [held] = useState<RefObject<boolean>>(() => ({
    get current() {
      return parent.current || openRef.current;
    },
  }));
  useLayoutEffect(() => {
    openRef.current = open;
  }, [open]);
  useLayoutEffect(() => {
    if (nested || !active || !bus) return undefined;
    return bus.addFallback(id, {
      binding: {
        keys: [':'],
        does: 'jump to a step by its id (Tab completes, Esc closes)',
        hint: 'jump',
        run: () => setPrompt({ text: '' }),
      },
      suspended: () => parent.current || openRef.current,
    });
  }, [bus, id, active, nested, parent]);
  if (nested) return <>{children}</>;
  return (
    <InsideJumpHost.Provider value>
      <Box
        flexDirection="column"
        overflow="hidden"
        height={open ? Math.max(1, height - 2) : undefined}
      >
        <InputSuspended.Provider value={held}>{children}</InputSuspended.Provider>
      </Box>
      {prompt ? (
        <JumpLine
          prompt={prompt}
          active={active}
          width={width}
          onChange={setPrompt}
          onJump={(step) => {
            setPrompt(undefined);
            onJump?.(step);
          }}
          onCancel={() => setPrompt(undefined)}
        />
      ) : null}
    </InsideJumpHost.Provider>
  );
}

/** `Screen` with the `:` jump prompt over it: what every step screen is drawn as. */
export function withJump<P extends OpenStepProps>(Screen: ComponentType<P>): ComponentType<P> {
  function Jumpable(props: P) {
    return (
      <JumpHost active={props.active} width={props.width} height={props.height}>
        <Screen {...props} />
      </JumpHost>
    );
  }
  Jumpable.displayName = Screen.displayName ?? Screen.name;
  return Jumpable;
}
