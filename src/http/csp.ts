// Every Content-Security-Policy Majlis sends, built from one base: nothing by default, no <base>,
// never framed. Each kind of page opens only what it needs, and only from our own origin.

type Directive = 'script-src' | 'style-src' | 'img-src' | 'connect-src' | 'form-action' | 'worker-src';

function policy(opened: Partial<Record<Directive, string>> = {}): string {
  const directives: Record<string, string> = { 'default-src': "'none'", ...opened, 'base-uri': "'none'", 'frame-ancestors': "'none'" };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

const page = { 'style-src': "'self'", 'img-src': "'self' data:", 'form-action': "'self'" } as const;

/** The policies, by what is served. */
export const CSP = {
  /** API answers and anything else that is not a page: nothing may load. */
  api: policy(),
  /** Server-rendered pages (thread page, landing page): our stylesheet and images, forms posting to us, no script. */
  page: policy(page),
  /** The demo articles: a page that also runs our widget, which calls our API and solves proof of work in a blob: worker. */
  pageWithWidget: policy({ ...page, 'script-src': "'self'", 'connect-src': "'self'", 'worker-src': 'blob:' }),
  /** Small self-contained pages (form errors, mail-link outcomes) carry their few styles inline; no script. */
  smallPage: policy({ 'style-src': "'unsafe-inline'", 'form-action': "'self'" }),
  /** The last page of a sign-in popup: a small page whose one inline script is allowed by its SHA-256 (base64), nothing else runs. */
  smallPageWithScript: (sha256: string) => policy({ 'style-src': "'unsafe-inline'", 'script-src': `'sha256-${sha256}'`, 'form-action': "'none'" }),
  /** The dashboard: its own script, styles and API. */
  dashboard: policy({ ...page, 'script-src': "'self'", 'connect-src': "'self'" }),
  /** The API reference: Swagger UI's files and our init script from this origin, the icons it draws as data: images, "Try it out" against this origin, no form. */
  apiDocs: policy({ 'script-src': "'self'", 'style-src': "'self'", 'img-src': "'self' data:", 'connect-src': "'self'", 'form-action': "'none'" }),
} as const;
