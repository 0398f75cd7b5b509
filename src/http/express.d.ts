import type { Logger } from '../logging/logger.js';

declare global {
  namespace Express {
    interface Request {
      /** The request id, from a sane X-Request-Id header or generated. */
      id: string;
      /** The logger bound to this request's id. */
      log: Logger;
      /** The signed-in moderator, set by the auth guard. */
      moderator?: { id: number; email: string; role: 'admin' | 'moderator'; lang: 'en' | 'ar'; disabled: boolean };
    }
  }
}
