const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'()]+/giu;

/** A link's host without `www.`, lower-cased; null when it is not a web address. */
function hostOf(link: string): string | null {
  try {
    const host = new URL(/^https?:/i.test(link) ? link : `http://${link}`).hostname.toLowerCase().replace(/\.$/, '');
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The links in a text. */
export function linksIn(text: string): string[] {
  return text.match(LINK) ?? [];
}

/** The distinct link domains of a comment: in its body and its website field. */
export function linkDomainsOf(comment: { body: string; authorUrl: string | null }): string[] {
  const links = [...linksIn(comment.body), ...(comment.authorUrl ? [comment.authorUrl] : [])];
  return [...new Set(links.map(hostOf).filter((host): host is string => host !== null))];
}
