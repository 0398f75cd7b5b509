/** A signed-in moderator as the login answer describes them. */
export interface Session {
  token: string;
  moderator: { id: number; email: string; role: 'admin' | 'moderator'; lang: 'en' | 'ar' };
}

const KEY = 'majlis.admin.session';

/** The session of this tab: sessionStorage, so closing the tab forgets the token. */
export function readSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session>;
    return typeof value.token === 'string' && value.moderator ? (value as Session) : null;
  } catch {
    return null;
  }
}

/** Remembers the session for this tab. */
export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

/** Forgets the session. */
export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
