import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';

let blocklist: Set<string> | null = null;

/** True when the address is at a disposable-mail domain or one of its subdomains (`x.mailinator.com`). */
export function isDisposableEmail(email: string): boolean {
  blocklist ??= disposableEmailBlocklistSet();
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i += 1) if (blocklist.has(labels.slice(i).join('.'))) return true;
  return false;
}
