// A wait in a message is said as each language says a number of seconds: Arabic has six plural forms, and "1 seconds"
// is wrong in English too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translate } from '../../src/i18n/i18n.js';

describe('numbers with their unit in messages', () => {
  it('says the wait of a flood or rate limit in the plural each language uses', () => {
    const waits = (lang: 'en' | 'ar') => [1, 2, 4, 11].map((seconds) => translate(lang, 'comment.rateLimited', { seconds }));
    const [one, two, four, eleven] = waits('en');
    assert.match(one ?? '', /wait 1 second and/);
    assert.match(two ?? '', /wait 2 seconds and/);
    assert.match(four ?? '', /wait 4 seconds and/);
    assert.match(eleven ?? '', /wait 11 seconds and/);
    const arabic = waits('ar');
    assert.match(arabic[0] ?? '', /انتظر ثانية ثم/, 'one second: the word alone');
    assert.match(arabic[1] ?? '', /انتظر ثانيتين ثم/, 'two: the dual, as the object of "wait" (not ثانيتان)');
    assert.match(arabic[2] ?? '', /انتظر 4 ثوان/, 'three to ten: the plural of few');
    assert.match(translate('ar', 'comment.flood', { seconds: 11 }), /انتظر 11 ثانية ثم/);
  });

  it('says minutes the same way: the edit window and a locked sign-in', () => {
    assert.match(translate('en', 'edit.windowClosed', { minutes: 1 }), /for 1 minute after/);
    assert.match(translate('en', 'auth.locked', { minutes: 15 }), /in 15 minutes\./);
    assert.match(translate('ar', 'edit.windowClosed', { minutes: 5 }), /خلال 5 دقائق من/, 'three to ten: دقائق, not دقيقة');
    assert.match(translate('ar', 'auth.locked', { minutes: 15 }), /بعد 15 دقيقة\./);
    // Two, after a preposition: the dual in -ين.
    assert.match(translate('ar', 'edit.windowClosed', { minutes: 2 }), /خلال دقيقتين من/);
    assert.match(translate('ar', 'auth.locked', { minutes: 2 }), /بعد دقيقتين\./);
  });
});
