import { directionOf, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';
import { OWN_PAGE_HEAD } from './page-style.js';

interface LandingLink {
  href: string;
  label: string;
  about: string;
  hrefLang?: Lang;
}

interface LandingText {
  title: string;
  heading: string;
  lede: string;
  switchLabel: string;
  setupNeeded: SafeHtml;
  sections: Array<{ heading: string; links: LandingLink[] }>;
  embedHeading: string;
  embedIntro: SafeHtml;
  embedKey: SafeHtml;
  embedNoScript: SafeHtml;
}

/** The landing page's words; `/` answers in the reader's language. */
const TEXT: Record<Lang, LandingText> = {
  en: {
    title: 'Majlis — comments for news sites',
    heading: 'Majlis is running',
    lede: 'Comments and moderation for news sites, in Arabic and English. Everything this installation offers is one click away.',
    switchLabel: 'العربية',
    setupNeeded: html`No moderator account exists yet. Open the one-time setup link printed in the server console to create the first administrator, or run <code dir="ltr">npm run admin -- create</code>.`,
    sections: [
      {
        heading: 'Try it',
        links: [
          { href: '/demo/en', label: 'Demo article in English', about: 'An article with the comment section embedded, as readers see it.' },
          { href: '/demo', label: 'Demo article in Arabic', about: 'The same, right to left.', hrefLang: 'ar' },
        ],
      },
      {
        heading: 'Moderate',
        links: [{ href: '/admin', label: 'Moderation dashboard', about: 'Review held and flagged comments, approve or reject them, and tune the moderation policy.' }],
      },
      {
        heading: 'Build on it',
        links: [
          { href: '/api/docs', label: 'API reference', about: 'Every route of the public and moderator API, with examples.' },
          { href: '/api/v1/openapi.json', label: 'OpenAPI document (JSON)', about: 'The same description, for code generators and API tools.' },
        ],
      },
    ],
    embedHeading: 'Embed comments in an article',
    embedIntro: html`Put these two lines where the comments should appear, and add the article’s site to <code dir="ltr">ALLOWED_ORIGINS</code>:`,
    embedKey: html`<code dir="ltr">post-123</code> is the article’s identifier in your CMS; <code dir="ltr">data-majlis-lang</code> is <code dir="ltr">ar</code> or <code dir="ltr">en</code>.`,
    embedNoScript: html`Without JavaScript, link to <code dir="ltr">/threads/post-123</code> or include <code dir="ltr">/threads/post-123/fragment</code> in the article.`,
  },
  ar: {
    title: 'مجلس — التعليقات للمواقع الإخبارية',
    heading: 'مجلس يعمل',
    lede: 'خدمة تعليقات وإشراف للمواقع الإخبارية، بالعربية والإنجليزية. كل ما تقدّمه هذه النسخة على بُعد نقرة.',
    switchLabel: 'English',
    setupNeeded: html`لا يوجد حساب إشراف بعد. افتح رابط الإعداد (يعمل مرة واحدة) المطبوع في طرفية الخادم لإنشاء أول مدير، أو شغّل الأمر <code dir="ltr">npm run admin -- create</code>.`,
    sections: [
      {
        heading: 'جرّبه',
        links: [
          { href: '/demo', label: 'مقال تجريبي بالعربية', about: 'مقال يضم قسم التعليقات كما يراه القرّاء.' },
          { href: '/demo/en', label: 'مقال تجريبي بالإنجليزية', about: 'المقال نفسه، من اليسار إلى اليمين.', hrefLang: 'en' },
        ],
      },
      {
        heading: 'أشرف على التعليقات',
        links: [{ href: '/admin', label: 'لوحة الإشراف', about: 'راجع التعليقات المعلّقة والمبلَّغ عنها، واقبلها أو ارفضها، واضبط سياسة الإشراف.' }],
      },
      {
        heading: 'ابنِ عليه',
        links: [
          { href: '/api/docs', label: 'مرجع واجهة البرمجة', about: 'كل مسارات الواجهة العامة وواجهة الإشراف، مع أمثلة.' },
          { href: '/api/v1/openapi.json', label: 'وثيقة OpenAPI ‏(JSON)', about: 'الوصف نفسه، لمولّدات الشيفرة وأدوات الواجهات.' },
        ],
      },
    ],
    embedHeading: 'أضف التعليقات إلى مقال',
    embedIntro: html`ضع هذين السطرين حيث تريد أن تظهر التعليقات، وأضف موقع المقال إلى <code dir="ltr">ALLOWED_ORIGINS</code>:`,
    embedKey: html`<code dir="ltr">post-123</code> هو معرّف المقال في نظام إدارة المحتوى لديك، وقيمة <code dir="ltr">data-majlis-lang</code> هي <code dir="ltr">ar</code> أو <code dir="ltr">en</code>.`,
    embedNoScript: html`من دون JavaScript: اربط إلى <code dir="ltr">/threads/post-123</code> أو ضمّن <code dir="ltr">/threads/post-123/fragment</code> في المقال.`,
  },
};

/** The README's embedding snippet, pointing at this installation. */
function embedSnippet(origin: string, lang: Lang): string {
  return `<div data-majlis-thread="post-123" data-majlis-lang="${lang}"></div>\n<script src="${origin}/embed.js" async></script>`;
}

/**
 * `GET /`: what a newcomer sees first. It links every part of the product and shows the embedding
 * snippet with this installation's origin; while no moderator exists it says how to make the first.
 */
export function renderLandingPage(lang: Lang, options: { origin: string; setupNeeded: boolean }): string {
  const text = TEXT[lang];
  const other: Lang = lang === 'ar' ? 'en' : 'ar';
  return html`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head>${OWN_PAGE_HEAD}
<title>${text.title}</title>
</head>
<body>
<header class="mast"><span class="brand">${lang === 'ar' ? 'مجلس' : 'Majlis'}</span>
<a href="/?lang=${other}" lang="${other}" hreflang="${other}">${text.switchLabel}</a></header>
<main class="narrow landing">
<h1>${text.heading}</h1>
<p class="lede">${text.lede}</p>
${options.setupNeeded ? html`<p class="setup" role="note">${text.setupNeeded}</p>` : ''}
${text.sections.map(
  (section) => html`<section><h2>${section.heading}</h2><ul class="links">${section.links.map(
    (link) => html`<li><a href="${link.href}"${link.hrefLang ? html` hreflang="${link.hrefLang}"` : ''}>${link.label}</a><p>${link.about}</p></li>`,
  )}</ul></section>`,
)}
<section><h2>${text.embedHeading}</h2>
<p>${text.embedIntro}</p>
<pre dir="ltr"><code>${embedSnippet(options.origin, lang)}</code></pre>
<p>${text.embedKey}</p>
<p>${text.embedNoScript}</p>
</section>
</main>
</body>
</html>`.value;
}
