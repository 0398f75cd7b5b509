// Gathers what the bot rules look at, once per post and before they run (rules do no I/O), and keeps
// what later posts need: the address range, the near-duplicate fingerprint, campaigns, and the link
// domains of comments moderators marked spam.
import type { Config } from '../config/config.js';
import type { DbClient } from '../db/client.js';
import type { BotSignals, CampaignSignal, PostChannel } from '../pipeline/bot-signals.js';
import type { Policy } from '../settings/policy.js';
import { addressRangeHash } from './address-range.js';
import { checkSolution } from './challenge.js';
import { isDisposableEmail } from './disposable-email.js';
import { secondsSinceRendered } from './form-ticket.js';
import { linkDomainsOf, linksIn } from './link-domains.js';
import { BANDS, fingerprintOf, MIN_SIMILARITY, similarity, type NearDuplicateFingerprint } from './minhash.js';
import type { PostInFlight, PostPlace, PostsInFlight } from './posts-in-flight.js';
import type { ReplayLedger } from './replay-ledger.js';
import {
  adjustSpamDomains,
  assignCampaign,
  countRecentPosts,
  createCampaign,
  findNearCandidates,
  findSpamDomains,
  lastSpamMarkWasModerator,
  moderatorMarksAmong,
} from './bot-signals.repository.js';

/** Near-duplicate candidates looked at per post, the first found rather than the newest: a cluster counts at most this many stored members. */
const MAX_CANDIDATES = 500;

/** What a post brought besides the comment: how it came, and the form's hidden fields. */
export interface PostEvidence {
  via: PostChannel;
  ip: string | undefined;
  challengeSolution?: string;
  formTicket?: string;
  honeypot?: string;
}

/** The signals and what storing the comment needs to remember of them. */
export interface GatheredSignals {
  signals: BotSignals;
  rangeHash: string | null;
  fingerprint: NearDuplicateFingerprint | null;
  /** Earlier members of the cluster the post joins, and the campaign one of them is already in. */
  cluster: { memberIds: number[]; campaignId: number | null } | null;
  /** The post among those in flight, until it is stored or refused: later posts count it meanwhile. */
  inFlight: PostInFlight;
}

/** What gathering needs. */
export interface BotSignalDeps {
  db: DbClient;
  config: Config;
  replayLedger: ReplayLedger;
  postsInFlight: PostsInFlight;
}

/** One thread, stored or not yet: a post to a thread its first post will create has no id yet. */
function threadRefOf(post: { threadId: number | null; threadKey?: string }): string {
  return post.threadId === null ? `new:${post.threadKey}` : `#${post.threadId}`;
}

/**
 * The stored near-copies of a post within the window, and those still in flight that arrived before it (`earlier`,
 * looked at once the stored ones are read, as `counted` does below). Only stored ones join its campaign.
 */
async function findCluster(db: DbClient, fingerprint: NearDuplicateFingerprint, place: PostPlace, since: Date, earlier: () => PostPlace[]) {
  const candidates = await findNearCandidates(db, fingerprint.bands, since, MAX_CANDIDATES);
  const members = candidates.filter((c) => c.nearSignature !== null && similarity(c.nearSignature, fingerprint.signature) >= MIN_SIMILARITY);
  // Found as the stored ones are: a band in common, then the signatures compared.
  const copiesInFlight = earlier().filter(
    ({ fingerprint: other }) =>
      other !== null && other.bands.some((band, i) => band === fingerprint.bands[i]) && similarity(other.signature, fingerprint.signature) >= MIN_SIMILARITY,
  );
  if (members.length === 0 && copiesInFlight.length === 0) return null;
  const threads = new Set([place, ...members, ...copiesInFlight].map(threadRefOf));
  const ids = members.map((member) => member.id);
  const marks = await moderatorMarksAmong(db, ids);
  const signal: CampaignSignal = {
    id: members.find((member) => member.campaignId !== null)?.campaignId ?? null,
    size: members.length + copiesInFlight.length + 1,
    threads: threads.size,
    spamMarked: marks.spam,
    moderatorApproved: marks.approved,
  };
  return { signal, cluster: ids.length === 0 ? null : { memberIds: ids, campaignId: signal.id } };
}

/** Looks at a new post: challenge solution, hidden fields, bursts, near-duplicates, link domains, the address. */
export async function gatherBotSignals(
  deps: BotSignalDeps,
  post: { body: string; authorEmail: string; authorUrl: string | null; threadId: number | null; threadKey: string },
  evidence: PostEvidence,
  policy: Policy,
  now: Date,
): Promise<GatheredSignals> {
  const secret = deps.config.SECRET;
  const rangeHash = addressRangeHash(secret, evidence.ip);
  const fingerprint = fingerprintOf(post.body);
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const place: PostPlace = { rangeHash, threadKey: post.threadKey, threadId: post.threadId, fingerprint };
  const inFlight = deps.postsInFlight.enter(place);
  const earlier = () => deps.postsInFlight.before(inFlight);
  const upTo = { range: policy.burstPostsPerRange, thread: policy.threadAttackPosts };
  const counted = async () => {
    const stored = await countRecentPosts(deps.db, {
      rangeHash,
      rangeSince: minutesAgo(policy.burstWindowMinutes),
      threadId: post.threadId,
      threadSince: minutesAgo(policy.threadAttackMinutes),
      upTo,
    });
    // Two looks, a round trip apart on PostgreSQL: a post that commits in between may be counted twice or not at all.
    const pending = earlier();
    const fromRange = rangeHash === null ? 0 : pending.filter((other) => other.rangeHash === rangeHash).length;
    const inThread = pending.filter((other) => other.threadKey === post.threadKey).length;
    return { rangePosts: Math.min(upTo.range, stored.rangePosts + fromRange), threadPosts: Math.min(upTo.thread, stored.threadPosts + inThread) };
  };
  const [challenge, { rangePosts, threadPosts }, found, spamDomains] = await Promise.all([
    checkSolution({ secret, ledger: deps.replayLedger }, evidence.challengeSolution, now),
    counted(),
    fingerprint ? findCluster(deps.db, fingerprint, place, minutesAgo(policy.campaignWindowHours * 60), earlier) : null,
    findSpamDomains(deps.db, linkDomainsOf(post)),
  ]).catch((error: unknown) => {
    inFlight.leave();
    throw error;
  });
  return {
    signals: {
      via: evidence.via,
      challenge,
      honeypot: (evidence.honeypot ?? '').trim() !== '',
      secondsToPost: secondsSinceRendered(secret, evidence.formTicket, now),
      rangePosts,
      threadPosts,
      // The website field is part of an ordinary first comment; links in the text are the risk.
      links: linksIn(post.body).length,
      campaign: found?.signal ?? null,
      disposableEmail: isDisposableEmail(post.authorEmail),
      spamDomains,
    },
    rangeHash,
    fingerprint,
    cluster: found?.cluster ?? null,
    inFlight,
  };
}

/**
 * The signals an author's edit is judged with: the original visit's (how it was posted: an edit is the same visit), with
 * what the text itself tells read again from the new text, its links and the domains moderators marked spam. Judged by
 * the old text's, an approved comment could take in, by an edit, links to a domain every post is held for.
 */
export async function signalsOfEdit(db: DbClient, stored: BotSignals | null, edited: { body: string; authorUrl: string | null }): Promise<BotSignals | null> {
  if (!stored) return null;
  return { ...stored, links: linksIn(edited.body).length, spamDomains: await findSpamDomains(db, linkDomainsOf(edited)) };
}

/** The columns a new comment stores of its signals; opens or joins its campaign inside the caller's transaction. */
export async function botColumnsOf(tx: DbClient, gathered: GatheredSignals, now: Date) {
  let campaignId: number | null = null;
  let signals = gathered.signals;
  if (gathered.cluster) {
    campaignId = gathered.cluster.campaignId ?? (await createCampaign(tx, now));
    await assignCampaign(tx, gathered.cluster.memberIds, campaignId);
    if (signals.campaign) signals = { ...signals, campaign: { ...signals.campaign, id: campaignId } };
  }
  const bands = gathered.fingerprint?.bands;
  return {
    signals: signals as object,
    rangeHash: gathered.rangeHash,
    nearSignature: gathered.fingerprint?.signature ?? null,
    ...Object.fromEntries(Array.from({ length: BANDS }, (_, i) => [`nearBand${i}`, bands?.[i] ?? null])),
    campaignId,
  };
}

/** A comment as its link domains are read: its text and website. */
type LinkedComment = { id: number; body: string; authorUrl: string | null };

/**
 * Keeps the spam count of link domains in step with moderators: a comment a moderator moves into spam (or whose
 * spam mark they confirm) counts against its domains, and stops counting when it leaves spam. An undo that puts a
 * comment back into spam counts it again only if that mark was a moderator's; an author's edit of a comment kept in
 * spam moves its count from the old links to the new ones.
 */
export async function recordSpamMark(
  tx: DbClient,
  before: LinkedComment,
  after: LinkedComment,
  move: { from: string; to: string; by: 'moderator' | 'undo' | 'other' },
  now: Date,
): Promise<void> {
  if ((move.from !== 'spam' && move.to !== 'spam') || linkDomainsOf(before).length + linkDomainsOf(after).length === 0) return;
  const counted = async () => lastSpamMarkWasModerator(tx, before.id);
  if (move.from !== 'spam') {
    if (move.by === 'moderator' || (move.by === 'undo' && (await counted()))) await adjustSpamDomains(tx, linkDomainsOf(after), 1, now);
  } else if (move.to !== 'spam') {
    if (await counted()) await adjustSpamDomains(tx, linkDomainsOf(before), -1, now);
  } else if (move.by === 'moderator') {
    if (!(await counted())) await adjustSpamDomains(tx, linkDomainsOf(after), 1, now);
  } else if (await counted()) {
    const [was, is] = [linkDomainsOf(before), linkDomainsOf(after)];
    await adjustSpamDomains(tx, was.filter((domain) => !is.includes(domain)), -1, now);
    await adjustSpamDomains(tx, is.filter((domain) => !was.includes(domain)), 1, now);
  }
}
