import { unstable_NormalPriority, unstable_scheduleCallback } from 'scheduler';
import { createKeyParser, type InputEvent, type KeyPress } from './key-parser.js';
import { keyId } from './key-sequences.js';
import { findBinding, footerText, workingBindings, type KeyBinding } from './key-table.js';
import { ANSWER_GUARD_MS } from '../src/model/typed-answer.js';

/** A key as a screen gets it: the key, its name in key tables, the read it came in, and when. */
export interface KeyEvent {
  key: KeyPress;
  /** The key's name in key tables (`keyId`): `j`, `enter`, `ctrl+c`. */
  id: string;
  /** Which read from the terminal carried it: keys typed or pasted together share one. */
  burst: number;
  /** When that read arrived (the bus's clock, milliseconds). */
  time: number;
  /**
   * How many printable characters that read held: more than a hand types between two reads
   * means text pasted by a terminal without bracketed paste (tmux `paste-buffer`, `send-keys`).
   */
  typedInRead: number;
}

/** What a screen layer tells the bus: its key table, and how it takes text and pastes. */
export interface LayerSpec {
  /** How the help names the screen: `checklist`, `drain: nodes`. */
  name: string;
  table: readonly KeyBinding[];
  /** Printable characters no binding claims (a text field types them). */
  onText?: (text: string, event: KeyEvent) => void;
  /** Pasted text (text fields only); without it a paste is ignored and the footer says so. */
  onPaste?: (text: string) => void;
  /** What the footer says when a paste is ignored here (default: only text fields take pastes). */
  pasteRefusal?: string;
  /** A question's guard: keys it does not admit are dropped (see `useAnswerGuard`). */
  guard?: { admits(event: KeyEvent): boolean; dropped(event?: KeyEvent): void };
  /** The layer prints its own keys (a dialog, next to the question): the footer stays empty. */
  ownFooter?: boolean;
}

/** A registered layer: its latest spec, and whether its keys are held back (window too small). */
export interface Layer {
  spec(): LayerSpec;
  suspended(): boolean;
}

/**
 * A key that works on every screen below it unless the screen takes that key itself (`:` opens the
 * jump prompt on every step screen, unless a text field types it): handed a key no layer took.
 */
export interface Fallback {
  binding: KeyBinding;
  /** Held back with the screen it belongs to (window too small). */
  suspended(): boolean;
}

/** What the footer shows: the keys of the screen that has them, or a short notice. */
export interface FooterState {
  table: readonly KeyBinding[];
  ownFooter: boolean;
  notice: string | undefined;
}

/** How long a lone ESC waits for the rest of a sequence before it counts as the Esc key. */
const ESC_WAIT_MS = 50;
/** How long a notice stays in the footer, unless a key comes first. */
const NOTICE_MS = 4_000;

const PASTE_IGNORED = 'Paste ignored: pasted text only goes into a text field (/ filter, : jump)';

type Stamp = { burst: number; time: number; typedInRead: number };
type Queued = { event: InputEvent } & Stamp;

/**
 * The app's one way in from the keyboard. It parses what the terminal sends into keys (one place
 * for escape sequences and bracketed paste), stamps each key with the read it came in and when,
 * and hands the keys to the active screen layer one at a time, each after the screen has caught
 * up with the one before, so `:drain` typed quickly lands in the prompt that `:` opened. Pastes
 * go only to text fields. It also tells the footer which keys the active screen has.
 */
export class KeyBus {
  /** The clock keys are stamped with (injectable for tests). */
  readonly now: () => number;
  /** How long questions ignore keys after they appear. */
  readonly guardMs: number;
  private readonly layers = new Map<string, Layer>();
  private readonly fallbacks = new Map<string, Fallback>();
  private readonly queue: Queued[] = [];
  private readonly parser = createKeyParser();
  private readonly listeners = new Set<() => void>();
  private readonly delivered = new Set<() => void>();
  private burst = 0;
  private pumping = false;
  private holds = 0;
  private escTimer: NodeJS.Timeout | undefined;
  private noticeTimer: NodeJS.Timeout | undefined;
  private footer: FooterState = { table: [], ownFooter: false, notice: undefined };
  private footerKey = '';

  constructor(options: { now?: () => number; guardMs?: number } = {}) {
    this.now = options.now ?? (() => performance.now());
    this.guardMs = options.guardMs ?? ANSWER_GUARD_MS;
  }

  /** The last read so far: a question opened now admits only keys from later reads. */
  lastBurst(): number {
    return this.burst;
  }

  /** Takes one read from the terminal. */
  receive(chunk: string): void {
    clearTimeout(this.escTimer);
    const events = this.parser.push(chunk);
    const typedInRead = events.filter((e) => e.kind === 'key' && isTyped(e.key)).length;
    const stamp: Stamp = { burst: ++this.burst, time: this.now(), typedInRead };
    for (const event of events) this.queue.push({ event, ...stamp });
    if (this.parser.waiting()) {
      // A lone ESC: the Esc key, unless the rest of a sequence follows at once.
      this.escTimer = setTimeout(() => {
        for (const event of this.parser.flush()) this.queue.push({ event, ...stamp });
        void this.pump();
      }, ESC_WAIT_MS);
    }
    void this.pump();
  }

  /** Adds an active layer (the app keeps one active at a time); the function removes it. */
  add(id: string, layer: Layer): () => void {
    this.layers.delete(id);
    this.layers.set(id, layer);
    this.published();
    return () => {
      this.layers.delete(id);
      this.published();
    };
  }

  /** Adds a key for keys no layer takes (see `Fallback`); the function removes it. */
  addFallback(id: string, fallback: Fallback): () => void {
    this.fallbacks.delete(id);
    this.fallbacks.set(id, fallback);
    return () => {
      this.fallbacks.delete(id);
    };
  }

  /** A layer rendered again: the footer follows if the keys it shows changed. */
  published(): void {
    const top = this.top()?.spec();
    const table = top?.table ?? [];
    const ownFooter = top?.ownFooter ?? false;
    const key = `${ownFooter}|${footerText(table, 10_000)}`;
    if (key === this.footerKey) return;
    this.footerKey = key;
    this.footer = { table, ownFooter, notice: this.footer.notice };
    this.notify();
  }

  /** The keys of the active screen and its name, for the help. */
  helpSnapshot(): { name: string; bindings: KeyBinding[] } {
    const top = this.top()?.spec();
    const table = top?.table ?? [];
    // A fallback the screen does not take itself works there too: the help lists it.
    const extra = [...this.fallbacks.values()]
      .map((f) => f.binding)
      .filter((b) => !b.keys.some((k) => findBinding(table, k)));
    return {
      name: top?.name ?? 'screen',
      bindings: workingBindings(top?.onText ? table : [...table, ...extra]),
    };
  }

  /** A short message in the footer, until the next key or a few seconds. */
  notice(text: string | undefined): void {
    clearTimeout(this.noticeTimer);
    if (this.footer.notice === text) return;
    this.footer = { ...this.footer, notice: text };
    if (text) this.noticeTimer = setTimeout(() => this.notice(undefined), NOTICE_MS).unref();
    this.notify();
  }

  /** For `useSyncExternalStore`: the footer's state, the same object until it changes. */
  footerState = (): FooterState => this.footer;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Whether every key read so far has been handed out (none queued, none half-read). */
  idle(): boolean {
    return this.queue.length === 0 && !this.pumping && !this.parser.waiting();
  }

  /** Calls `listener` after each key or paste was handed out (tests wait on it). */
  onDelivered(listener: () => void): () => void {
    this.delivered.add(listener);
    return () => this.delivered.delete(listener);
  }

  /**
   * Holds keys back while a screen is still loading: they queue in order and go to the screen
   * once it is there, instead of to none or to the one it replaced. The function releases the hold
   * (call it once the screen has registered its keys); keys then flow after the screen caught up.
   */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) void screenCaughtUp().then(() => this.pump());
    };
  }

  /** Stops the timers (the app is going away). */
  close(): void {
    clearTimeout(this.escTimer);
    clearTimeout(this.noticeTimer);
    this.queue.length = 0;
  }

  /** The next key to hand out, unless keys are held back. */
  private take(): Queued | undefined {
    return this.holds > 0 ? undefined : this.queue.shift();
  }

  private top(): Layer | undefined {
    return [...this.layers.values()].at(-1);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let next = this.take(); next; next = this.take()) {
        this.dispatch(next);
        for (const listener of this.delivered) listener();
        if (this.queue.length > 0) await screenCaughtUp();
      }
    } finally {
      this.pumping = false;
    }
  }

  private dispatch({ event, burst, time, typedInRead }: Queued): void {
    const layers = [...this.layers.values()].filter((layer) => !layer.suspended());
    if (event.kind === 'paste') {
      const taker = layers.find((layer) => layer.spec().onPaste);
      if (taker) taker.spec().onPaste?.(event.text);
      else this.notice(layers.at(-1)?.spec().pasteRefusal ?? PASTE_IGNORED);
      return;
    }
    if (event.key.name === 'unknown') return;
    if (this.footer.notice) this.notice(undefined);
    const keyEvent: KeyEvent = { key: event.key, id: keyId(event.key), burst, time, typedInRead };
    let taken = false;
    for (const layer of layers) taken = handleKey(layer.spec(), keyEvent) || taken;
    if (taken) return;
    const fallback = [...this.fallbacks.values()]
      .filter((f) => !f.suspended())
      .map((f) => f.binding)
      .findLast((b) => b.when !== false && b.keys.includes(keyEvent.id));
    fallback?.run(keyEvent);
  }
}

/**
 * What one layer does with one key: its table first, then (text fields) typed characters. Under a
 * question's guard every key it does not admit is dropped, bound or not (a key it has no use for
 * still says the operator is typing on, or holding a key down), except the unguarded ones
 * (backing out, scrolling). Returns whether the layer took the key (else a fallback may).
 */
function handleKey(spec: LayerSpec, event: KeyEvent): boolean {
  const binding = findBinding(spec.table, event.id);
  if (spec.guard && !binding?.unguarded && !spec.guard.admits(event)) {
    spec.guard.dropped(event);
    return true;
  }
  if (binding) binding.run(event);
  else if (spec.onText && isTyped(event.key)) spec.onText(event.key.text, event);
  else return false;
  return true;
}

function isTyped(key: KeyPress): boolean {
  return key.name === 'char' && !key.ctrl && !key.meta;
}

/**
 * Resolves once React has rendered and committed what the last key changed, so the next key goes
 * to the screen that key opened. React queues that work (from a microtask) as a task of normal
 * priority in its scheduler, where a render cut into slices keeps its place; a task of the same
 * priority queued after it runs only when it is done.
 */
async function screenCaughtUp(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
  await new Promise<void>((resolve) =>
    unstable_scheduleCallback(unstable_NormalPriority, () => resolve()),
  );
  await new Promise((resolve) => setImmediate(resolve));
}
