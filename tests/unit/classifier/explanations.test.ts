import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scoreComment, trainModel, type FeatureContribution } from '../../../src/classifier/index.js';
import { syntheticExamples } from './examples.js';

const model = trainModel(syntheticExamples({ acceptable: 300, abusive: 200, spam: 200 }), { seed: 1 });

function spansAreExact(text: string, features: readonly FeatureContribution[]): void {
  for (const feature of features) {
    if (feature.start === undefined || feature.end === undefined) continue;
    assert.equal(text.slice(feature.start, feature.end), feature.feature);
  }
}

// Text → a feature that must be among the explanation, exactly as written, at this offset.
const CASES: readonly (readonly [name: string, text: string, feature: string, start: number])[] = [
  ['plain Arabic', 'انت غبي جدا', 'غبي', 4],
  ['Arabic with tashkeel', 'أنتَ غَبِيٌّ جدًّا', 'غَبِيٌّ', 5],
  ['Arabic with tatweel', 'انت غبـــــي', 'غبـــــي', 4],
  ['Arabic with stretched letters', 'انت غبييييي', 'غبييييي', 4],
  ['Arabic letter variants', 'الكاتب حقيرة وتافهة', 'حقيرة', 7],
  ['English in capitals', 'YOU ARE A STUPID IDIOT', 'STUPID', 10],
  ['mixed Arabic and English', 'This writer is حقير and a moron', 'حقير', 15],
  ['mixed Arabic and English', 'This writer is حقير and a moron', 'moron', 26],
  ['after an emoji', '😡😡 stupid idiot', 'idiot', 12],
];

describe('scoreComment: explanations name real features with exact spans', () => {
  for (const [name, text, feature, start] of CASES) {
    it(`${name}: ${JSON.stringify(text)} names ${JSON.stringify(feature)} at ${start}`, () => {
      const result = scoreComment(model, text);
      assert.equal(result.label, 'abusive');
      spansAreExact(text, result.features);
      const found = result.features.find((f) => f.feature === feature);
      assert.ok(found, `features: ${JSON.stringify(result.features)}`);
      assert.deepEqual([found.start, found.end], [start, start + feature.length]);
      assert.ok(found.weight > 0);
    });
  }

  it('explains spam with its link and whole-text properties, which have no span', () => {
    const text = 'Cheap deals!!! visit www.cheap-deals.example.com or call 0800 123 4567';
    const result = scoreComment(model, text, { maxFeatures: 30 });
    assert.equal(result.label, 'spam');
    spansAreExact(text, result.features);
    assert.ok(result.features.some((f) => f.feature === 'www.cheap-deals.example.com' && f.start === 21));
    assert.ok(result.features.some((f) => f.feature === 'deals' && f.start === 6), 'the trailing "!!!" is not part of the word');
    const properties = result.features.filter((f) => f.start === undefined);
    assert.ok(properties.some((f) => f.feature === 'links: 1'));
    for (const property of properties) assert.equal(property.end, undefined);
  });

  it('lists at most maxFeatures positive contributions, largest first', () => {
    const result = scoreComment(model, 'يا غبي يا حيوان يا حقير يا تافه يا زبالة you stupid pathetic idiot moron clown', { maxFeatures: 5 });
    assert.equal(result.features.length, 5);
    const weights = result.features.map((f) => f.weight);
    assert.deepEqual(weights, [...weights].sort((a, b) => b - a));
    assert.ok(weights.every((w) => w > 0));
  });

  it('leaves out contributions under a twentieth of the largest', () => {
    const { features } = scoreComment(model, 'This writer is حقير and a moron, okay? 😡 https://example.com');
    const largest = features[0]?.weight ?? 0;
    assert.ok(features.every((f) => f.weight >= largest * 0.05 - 1e-4), JSON.stringify(features));
  });

  it('sums a repeated word into its first occurrence', () => {
    const text = 'غبي غبي غبي';
    const once = scoreComment(model, 'غبي').features.find((f) => f.feature === 'غبي');
    const repeated = scoreComment(model, text).features.filter((f) => f.feature === 'غبي');
    assert.equal(repeated.length, 1);
    assert.deepEqual([repeated[0]?.start, repeated[0]?.end], [0, 3]);
    assert.ok(once);
  });

  it('is the same for the same text every time', () => {
    const text = 'الكاتب حقير وتافه 😡 and a moron';
    assert.deepEqual(scoreComment(model, text), scoreComment(model, text));
  });
});

describe('scoreComment: any text', () => {
  const pieces = ['غبي', 'يا', 'كَلْبٌ', 'ـــ', 'stupid', 'IDIOT', 'sh1t', '!!!', '@user', 'www.x.example.com', 'a@b.org', '😡', '🖕🏿', '\u200F', '٢٠٢٤', '0800 123', ' ', '\n', '\uD800', 'ﷲ', 'ﻻ'];
  const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));

  it('never throws, stays in 0..1, and every span slices to its feature', () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = scoreComment(model, input);
        assert.ok(result.score >= 0 && result.score <= 1);
        spansAreExact(input, result.features);
        for (const feature of result.features) assert.ok(feature.start === undefined || (feature.start < (feature.end as number) && (feature.end as number) <= input.length));
      }),
    );
  });
});
