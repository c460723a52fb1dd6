import { describe, expect, it } from 'vitest';
import { clipboardSequence, multiplexerOf, osc52 } from '../../src/model/osc52.js';

const ESC = '\u001b';

describe('OSC 52', () => {
  it('is ESC ] 52 ; c ; base64 BEL', () => {
    expect(osc52('kubectl cordon n1')).toBe(`${ESC}]52;c;a3ViZWN0bCBjb3Jkb24gbjE=\u0007`);
  });

  it('encodes UTF-8, so non-ASCII names survive', () => {
    const seq = osc52('név');
    const b64 = seq.slice(seq.indexOf('52;c;') + 5, -1);
    expect(Buffer.from(b64, 'base64').toString('utf8')).toBe('név');
  });

  it('in tmux: the plain form, then the passthrough form with every ESC doubled', () => {
    const plain = osc52('x');
    expect(clipboardSequence('x', 'tmux')).toBe(
      `${plain}${ESC}Ptmux;${ESC}${ESC}]52;c;eA==\u0007${ESC}\\`,
    );
  });

  it('in screen: wrapped in a DCS', () => {
    expect(clipboardSequence('x', 'screen')).toBe(`${ESC}P${osc52('x')}${ESC}\\`);
  });

  it('knows the multiplexer from the environment', () => {
    expect(multiplexerOf({ TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'screen-256color' })).toBe(
      'tmux',
    );
    expect(multiplexerOf({ STY: '123.pts-0', TERM: 'screen' })).toBe('screen');
    expect(multiplexerOf({ TERM: 'xterm-256color' })).toBe('none');
  });
});
