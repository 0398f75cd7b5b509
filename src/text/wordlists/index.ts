// The default lists the moderation policy starts from; moderators edit them at run time.
import { arabicBannedWords, arabicSuspectWords } from './arabic.js';
import { englishBannedWords, englishSuspectWords } from './english.js';

/** Words whose presence rejects a comment: English (from bad-words, curated) and Arabic. */
export const defaultBannedWords: readonly string[] = [...englishBannedWords, ...arabicBannedWords];

/** Words whose presence holds a comment for review: English and Arabic. */
export const defaultSuspectWords: readonly string[] = [...englishSuspectWords, ...arabicSuspectWords];

