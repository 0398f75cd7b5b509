// Hand-written Arabic and English comments for the classifier tests, combined by a seeded
// generator into as many labelled examples as a test needs. Written for these tests: nothing here
// comes from the development corpora.
import type { Example, Label } from '../../../src/classifier/index.js';

const TOPICS = ['الاقتصاد', 'التعليم', 'الصحة', 'الانتخابات', 'المنتخب', 'the budget', 'the schools', 'the hospital', 'the election', 'the match'];

const TEMPLATES: Readonly<Record<Label, readonly string[]>> = {
  acceptable: [
    'شكرا على هذا المقال المفيد عن {topic}',
    'أتفق مع الكاتب، {topic} يحتاج إلى إصلاح حقيقي',
    'تقرير متوازن عن {topic}، أتمنى المزيد من التفاصيل',
    'الله يوفق الجميع، {topic} مهم لكل الناس',
    'Thank you for this clear report on {topic}.',
    'I disagree with the minister about {topic}, but the article is fair.',
    'Good reporting on {topic}, please keep covering it.',
    'Could you publish the figures behind {topic}?',
  ],
  abusive: [
    'يا غبي انت ما تفهم شي في {topic}',
    'الكاتب حقير وتافه وكلامه عن {topic} زبالة',
    'اسكت يا حيوان، {topic} ليس شغلك',
    'انتم شوية أغبياء وحثالة',
    'You are a stupid idiot who knows nothing about {topic}.',
    'Shut up, moron, nobody cares about {topic}.',
    'What a pathetic idiot wrote this garbage about {topic}.',
    'Go away you worthless clown.',
  ],
  spam: [
    'اربح المال من البيت بسهولة، تواصل واتساب 0555123456',
    'أفضل عروض التخسيس، اطلب الآن وخصم خاص على {topic}',
    'تابعوا قناتي واشتركوا للحصول على هدايا مجانية',
    'Earn money from home today, call 0800 123 4567 now!',
    'Cheap flights and hotel deals, visit www.cheap-deals.example.com',
    'Check out my channel and subscribe for free gift cards!!!',
    'Best casino bonus, sign up at bonus-casino.example.net',
  ],
};

// mulberry32: a fixed seed gives the same examples on every run.
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `perLabel` examples of each given label, drawn from the templates with a seeded choice of topic. */
export function syntheticExamples(perLabel: Partial<Record<Label, number>>, seed = 1): Example[] {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const examples: Example[] = [];
  for (const [label, count] of Object.entries(perLabel) as [Label, number][]) {
    for (let i = 0; i < count; i++) examples.push({ text: pick(TEMPLATES[label]).replace('{topic}', pick(TOPICS)), label });
  }
  return examples;
}
