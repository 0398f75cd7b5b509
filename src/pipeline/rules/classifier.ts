import { RISK_LABELS, scoreComment } from '../../classifier/index.js';
import type { ClassifierVerdict, Explanation, ModerationRule, Reason, Vote } from '../pipeline.js';

const SHOWN_FEATURES = 3;

/**
 * The newsroom's own learned classifier. Silent until a model may vote; then it records its score
 * and the features behind it on every comment (the queue sorts by it), holds above the policy's hold
 * threshold, and rejects or marks spam above the reject threshold when one is set. Trusted authors
 * only get the score recorded: trust is earned, and the classifier does not take it back.
 */
export const classifier: ModerationRule = {
  name: 'classifier',
  run({ comment, policy, author, classifier: input }) {
    if (!input) return null;
    const result = scoreComment(input.model, comment.body, { labels: input.labels });
    const verdict = { score: result.score, label: result.label, modelVersion: input.version, features: result.features };
    const judged = author.status !== 'trusted';
    const vote: Vote =
      judged && policy.classifierRejectAbove !== null && result.score > policy.classifierRejectAbove
        ? result.label === 'spam'
          ? 'spam'
          : 'reject'
        : judged && result.score > policy.classifierHoldAbove
          ? 'hold'
          : 'approve';
    // A low score from a model silent on a label says nothing about that label: a moderator must not read it as safe.
    const silent = RISK_LABELS.filter((label) => !input.labels.includes(label));
    return { kind: 'vote', vote, ...explained(verdict, vote, silent), classifier: verdict };
  },
};

/** The reason's detail and explanation: the score, and the words of the text that raised it most. */
function explained(verdict: ClassifierVerdict, vote: Vote, silent: readonly string[]): { detail: string; explain: Explanation } {
  const score = Math.round(verdict.score * 100) / 100;
  const words = verdict.features
    .filter((feature) => feature.start !== undefined && feature.weight > 0)
    .slice(0, SHOWN_FEATURES)
    .map((feature) => feature.feature);
  const explainKey = vote !== 'approve' ? `classifier.${vote}` : silent.length > 0 ? 'classifier.lowOnly' : 'classifier.low';
  const unjudged = silent.length > 0 ? `; ${silent.join(' and ')} not judged` : '';
  return {
    detail: `Classifier score ${score} (${verdict.label}, model ${verdict.modelVersion}${unjudged})${words.length > 0 ? `: ${words.map((word) => `"${word}"`).join(', ')}` : ''}.`,
    // Joined as the word lists join theirs; the dashboard joins them again in its own language where it has the features.
    explain: { key: explainKey, params: { score, label: verdict.label, words: words.join(', '), ...(silent.length > 0 ? { silent: silent.join(',') } : {}) } },
  };
}

/** A stored classifier reason once the comment's text is erased: no feature, detail or explanation quotes it. */
export function withoutQuotedText(reason: Reason): Reason {
  const { score, label, modelVersion, features } = reason;
  if (reason.rule !== 'classifier' || score === undefined || label === undefined || modelVersion === undefined || !features) return reason;
  const verdict = { score, label, modelVersion, features: features.filter((feature) => feature.start === undefined) };
  const silent = String(reason.explain?.params?.silent ?? '').split(',').filter((name) => name !== '');
  return { ...reason, ...verdict, ...explained(verdict, reason.vote, silent) };
}
