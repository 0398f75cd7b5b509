// The classifier rule is pure: given a trained model it votes by the policy's thresholds and
// explains itself; without one it says nothing.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildModel, type Model } from '../../../src/classifier/index.js';
import { moderate, type ModerationInput } from '../../../src/pipeline/pipeline.js';
import { moderationRules } from '../../../src/pipeline/rules/index.js';
import { defaultPolicy } from '../../../src/settings/policy.js';
import { syntheticExamples } from '../classifier/examples.js';

let model: Model;
before(() => {
  model = buildModel(syntheticExamples({ acceptable: 60, abusive: 60, spam: 60 }, 3), { seed: 1 });
});

function input(body: string, overrides: Partial<Omit<ModerationInput, 'policy'>> & { policy?: Partial<ModerationInput['policy']> } = {}): ModerationInput {
  const { policy, ...rest } = overrides;
  return {
    comment: { body, authorName: 'Reader', authorEmail: 'reader@example.org', authorUrl: null },
    author: { status: 'normal', approvedCount: 3, known: true },
    thread: { closed: false, createdAt: null },
    recent: { lastPostAt: null, duplicate: false },
    words: { banned: () => [], suspect: () => [] },
    now: new Date('2026-11-26T10:00:00Z'),
    isEdit: false,
    classifier: { model, version: 4, labels: ['abusive', 'spam'] },
    bot: null,
    ...rest,
    policy: { ...defaultPolicy({ banned: [], suspect: [] }), premoderation: 'none', classifierHoldAbove: 0.5, ...policy },
  };
}

function classifierReason(result: ReturnType<typeof moderate>) {
  assert.equal(result.outcome, 'decided');
  return result.outcome === 'decided' ? result.reasons.find((reason) => reason.rule === 'classifier') : undefined;
}

describe('the classifier rule', () => {
  it('is silent while no model may vote', () => {
    assert.equal(classifierReason(moderate(moderationRules, input('You are a stupid idiot.', { classifier: null }))), undefined);
  });

  it('holds above the hold threshold, with score, label, model version and the features that raised it', () => {
    const body = 'You are a stupid idiot who knows nothing about the budget.';
    const result = moderate(moderationRules, input(body));
    assert.equal(result.outcome === 'decided' && result.status, 'pending');
    const reason = classifierReason(result);
    assert.ok(reason?.score !== undefined && reason.score > 0.5);
    assert.deepEqual([reason.vote, reason.label, reason.modelVersion], ['hold', 'abusive', 4]);
    const words = reason.features?.filter((feature) => feature.start !== undefined) ?? [];
    for (const feature of words) assert.equal(body.slice(feature.start, feature.end), feature.feature);
    assert.ok(words.some((feature) => /stupid|idiot/i.test(feature.feature)));
    assert.equal(reason.explain?.key, 'classifier.hold');
    // Joined with no one language's comma: a dashboard in English showed Arabic ones.
    const shown = String(reason.explain?.params?.words ?? '');
    assert.ok(shown.includes(', ') && !shown.includes('،'), shown);
  });

  it('a low score from a model silent on abuse says it judged spam only, never that the comment is like approved ones', () => {
    const spamOnly = input('You are a stupid idiot who knows nothing about the budget.', { classifier: { model, version: 5, labels: ['spam'] } });
    const reason = classifierReason(moderate(moderationRules, spamOnly));
    assert.equal(reason?.vote, 'approve');
    assert.equal(reason?.explain?.key, 'classifier.lowOnly');
    assert.deepEqual([reason?.explain?.params?.label, reason?.explain?.params?.silent], ['spam', 'abusive']);
    assert.match(reason?.detail ?? '', /abusive not judged/);
    // With both heads voting, the low score keeps its plain wording.
    const both = classifierReason(moderate(moderationRules, input('Thank you for this clear report on the budget.')));
    assert.equal(both?.explain?.key, 'classifier.low');
    assert.equal(both?.explain?.params?.silent, undefined);
  });

  it('rejects abuse and marks spam only above the reject threshold', () => {
    const strict = { policy: { classifierRejectAbove: 0.5 } };
    assert.equal(classifierReason(moderate(moderationRules, input('Shut up, moron, nobody cares about the match.', strict)))?.vote, 'reject');
    const spam = moderate(moderationRules, input('Earn money from home today, call 0800 123 4567 now!', strict));
    assert.equal(classifierReason(spam)?.vote, 'spam');
    assert.equal(spam.outcome === 'decided' && spam.status, 'spam');
  });

  it('records a low score as an approve vote, and only records the score for a trusted author', () => {
    assert.equal(classifierReason(moderate(moderationRules, input('Thank you for this clear report on the schools.')))?.vote, 'approve');
    const trusted = moderate(moderationRules, input('You are a stupid idiot.', { author: { status: 'trusted', approvedCount: 9, known: true } }));
    assert.equal(classifierReason(trusted)?.vote, 'approve');
    assert.equal(trusted.outcome === 'decided' && trusted.status, 'approved');
  });

  it('votes only on the labels it may: a model trusted for abuse only never marks spam', () => {
    const abuseOnly = input('Earn money from home today, call 0800 123 4567 now!', { classifier: { model, version: 4, labels: ['abusive'] }, policy: { classifierRejectAbove: 0.5 } });
    assert.notEqual(classifierReason(moderate(moderationRules, abuseOnly))?.label, 'spam');
  });
});
