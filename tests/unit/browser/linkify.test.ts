import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLinks } from '../../../src/browser/linkify.js';

describe('splitLinks', () => {
  const cases: Array<[string, string, Array<{ text: string; href?: string }>]> = [
    ['plain text stays one run', 'no links here', [{ text: 'no links here' }]],
    ['an address ending a sentence leaves the full stop out', 'See https://example.org/a?b=1.', [{ text: 'See ' }, { text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' }, { text: '.' }]],
    ['a parenthesised address leaves the closing parenthesis out', '(https://example.org/x)', [{ text: '(' }, { text: 'https://example.org/x', href: 'https://example.org/x' }, { text: ')' }]],
    ['a parenthesis inside the address stays', 'https://en.wikipedia.org/wiki/Foo_(bar)', [{ text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' }]],
    ['Arabic punctuation ends an address', 'الرابط http://example.org/ص،', [{ text: 'الرابط ' }, { text: 'http://example.org/ص', href: 'http://example.org/ص' }, { text: '،' }]],
    ['other schemes are never links', 'javascript:alert(1) ftp://example.org data:text/html,x', [{ text: 'javascript:alert(1) ftp://example.org data:text/html,x' }]],
    ['markup is text; only the address in it is a link', '<a href="https://evil.example">x</a>', [{ text: '<a href="' }, { text: 'https://evil.example', href: 'https://evil.example' }, { text: '">x</a>' }]],
    ['a scheme without a host is not a link', 'http:// nothing', [{ text: 'http:// nothing' }]],
    [
      'a direction control ends the address, so a link never shows text reordered to pose as another',
      'https://evil.example/\u202Emoc.elpmaxe and https://a.example/\u2067x',
      [
        { text: 'https://evil.example/', href: 'https://evil.example/' },
        { text: '\u202Emoc.elpmaxe and ' },
        { text: 'https://a.example/', href: 'https://a.example/' },
        { text: '\u2067x' },
      ],
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(splitLinks(input), expected));
  }
});
