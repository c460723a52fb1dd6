import { describe, expect, it } from 'vitest';
import { mdCode, mdText } from '../../src/report/markdown.js';

// What CommonMark / GFM would make of data text, checked on the escaped form: every mark that can
// open inline syntax is preceded by a backslash (CommonMark renders `\x` as `x` for any ASCII
// punctuation), so nothing is HTML, a link, an autolink, emphasis or a table pipe.
describe('mdText: data text as inert Markdown', () => {
  it.each([
    ['<img src="https://evil.example/t.png">', '\\<img src="https\\://evil.example/t.png">'],
    ['[ok](https://evil.example/)', '\\[ok\\](https\\://evil.example/)'],
    ['![x](http://e.example/a.png)', '!\\[x\\](http\\://e.example/a.png)'],
    ['<https://evil.example>', '\\<https\\://evil.example>'],
    ['see www.evil.example now', 'see www\\.evil.example now'],
    ['mail alice@contoso.com', 'mail alice\\@contoso.com'],
    ['*bold* _em_ ~~gone~~', '\\*bold\\* \\_em\\_ \\~\\~gone\\~\\~'],
    ['a `code` b', 'a \\`code\\` b'],
    ['&lt;script&gt;', '\\&lt;script\\&gt;'],
    ['a|b \\ c', 'a\\|b \\\\ c'],
    ['$x$', '\\$x\\$'],
  ])('%s', (raw, escaped) => {
    expect(mdText(raw)).toBe(escaped);
  });

  it('keeps data on its line: a line break would start a new block (a heading, a list)', () => {
    expect(mdText('a\n# heading\r\n- item\rx')).toBe('a # heading - item x');
  });

  it('leaves plain words, versions and times as they are', () => {
    expect(mdText('User alice is bound to cluster-admin (1.31.8, 10:00:03)')).toBe(
      'User alice is bound to cluster-admin (1.31.8, 10:00:03)',
    );
  });
});

describe('mdCode: data text as a code span no content can close', () => {
  it.each([
    ['RoleBinding/ns/name', '`RoleBinding/ns/name`'],
    ['a`b', '``a`b``'],
    ['x``y`', '``` x``y` ```'],
    ['`', '`` ` ``'],
    [' lead and trail ', '`  lead and trail  `'],
    ['two\nlines', '`two lines`'],
    ['', '`  `'],
  ])('%j', (raw, span) => {
    expect(mdCode(raw)).toBe(span);
  });
});
