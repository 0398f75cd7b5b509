import type { MessageKey } from '../i18n/messages.js';

/** One failing input field, as listed in a 422 problem document. */
export interface FieldError {
  field: string;
  code: string;
  message: MessageKey;
  /** What the message names (a number's bound). */
  params?: Record<string, string | number>;
}

/** Every error code the service answers with; the HTTP status of each lives in http/problem.ts. */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_request',
  'invalid_link',
  'invalid_thread_key',
  'not_found',
  'method_not_allowed',
  'thread_closed',
  'duplicate_comment',
  'flood',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'edit_token_required',
  'edit_token_invalid',
  'edit_window_closed',
  'unauthorized',
  'login_locked',
  'forbidden',
  'conflict',
  'setup_link_invalid',
  'setup_done',
  'no_training_data',
  'challenge_required',
  'live_unavailable',
  'sso_token_invalid',
  'sso_unavailable',
  'sign_in_required',
  'sign_in_failed',
  'unavailable',
  'internal',
] as const;

/** One of {@link ERROR_CODES}: stable, so clients may branch on it. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one application error type; routes and services throw it, the error middleware renders it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly options: {
      fieldErrors?: FieldError[];
      retryAfterSeconds?: number;
      params?: Record<string, string | number>;
      /** A proof-of-work challenge to solve before trying again (`challenge_required`). */
      challenge?: object;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}
