// What a comment is cut into: words, numbers, links (and addresses), mentions and emoji.

export const WORD = 0;
export const NUMBER = 1;
export const LINK = 2;
export const MENTION = 3;
export const SYMBOL = 4;

/** One unit of a comment; its folded letters are `letters[from, to)` of the scan it came from. */
export interface TextToken {
  kind: number;
  /** UTF-16 span in the original text. */
  start: number;
  end: number;
  from: number;
  to: number;
  arabic: boolean;
  /** A letter was repeated three or more times ("كلللب", "sooooo"); the extra ones are dropped. */
  stretched: boolean;
}
