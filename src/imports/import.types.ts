/** A thread (article) found in an export. */
export interface ThreadRecord {
  kind: 'thread';
  sourceId: string;
  key: string;
  title: string | null;
  url: string | null;
  closed: boolean;
  /** When the article was published, if the export says; the thread's creation time (auto-closing counts from it). */
  createdAt: Date | null;
  /** The thread's language where the export says (Majlis's own); otherwise `--lang` gives it. */
  lang?: string | null;
}

/** A comment found in an export, mapped to Majlis terms but not yet validated. */
export interface CommentRecord {
  kind: 'comment';
  importKey: string;
  threadSourceId: string;
  parentImportKey: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  ip: string | null;
  /** The comment as plain text (converted from the export's HTML). */
  body: string;
  /** True when the comment's HTML was larger than the parser keeps (far over the form's limit). */
  bodyTooLarge?: boolean;
  /** As written in the file, for the skip report. */
  rawDate: string;
  createdAt: Date | null;
  status: 'approved' | 'pending' | 'flagged' | 'spam' | 'rejected' | null;
  rawStatus: string;
  /** Set when the source itself says this is not a reader comment (pingbacks, trackbacks, deleted posts). */
  skipReason?: string;
  /** What only Majlis's own export carries: the comment's language, its author's last edit, and its deletion (a placeholder above its replies). */
  lang?: string | null;
  editedAt?: Date | null;
  deletedAt?: Date | null;
}

/** Something of the file the import leaves out, said once per entry in the summary's warnings. */
export interface LeftOutRecord {
  kind: 'left-out';
  warning: string;
}

/** What an export parser yields. */
export type ImportRecord = ThreadRecord | CommentRecord | LeftOutRecord;
