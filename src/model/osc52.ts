// OSC 52 asks the terminal to put text on the system clipboard. Inside tmux or GNU screen the
// sequence must be wrapped (passthrough) to reach the outer terminal; tmux also takes the plain
// form itself when its `set-clipboard` is on, so there both are sent.

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** Which multiplexer stands between the program and the terminal, from its environment. */
export type Multiplexer = 'tmux' | 'screen' | 'none';

/** The multiplexer the environment says we run in (tmux sets TMUX; screen sets STY). */
export function multiplexerOf(env: NodeJS.ProcessEnv): Multiplexer {
  if (env['TMUX']) return 'tmux';
  if (env['STY'] || (env['TERM'] ?? '').startsWith('screen')) return 'screen';
  return 'none';
}

/** The plain OSC 52 sequence setting the clipboard (`c`) to `text`. */
export function osc52(text: string): string {
  return `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
}

/**
 * What to write to the terminal to set its clipboard to `text`: in tmux the plain form (taken by
 * tmux when `set-clipboard on`) and the DCS passthrough form with each ESC doubled (reaches the
 * outer terminal when `allow-passthrough on`); in screen the DCS form; else the plain form.
 */
export function clipboardSequence(text: string, via: Multiplexer): string {
  const plain = osc52(text);
  if (via === 'tmux') return `${plain}${ESC}Ptmux;${plain.replaceAll(ESC, ESC + ESC)}${ST}`;
  if (via === 'screen') return `${ESC}P${plain}${ST}`;
  return plain;
}
