import { directionOf, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';
import { OWN_PAGE_HEAD } from './page-style.js';
import { DEMO_ARTICLES } from './demo-article.js';

/**
 * A demo article with the widget embedded the way a site would do it: the server-rendered thread
 * inside the article (crawlable, works without scripts), taken over by /embed.js when it loads.
 */
export function renderDemoPage(lang: Lang, thread: SafeHtml): string {
  const article = DEMO_ARTICLES[lang];
  const other = DEMO_ARTICLES[article.otherLanguage.lang];
  return html`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head>${OWN_PAGE_HEAD}
<title>${article.title} — ${article.site}</title>
<script src="/embed.js" async></script>
</head>
<body>
<header class="mast"><a class="brand" href="${lang === 'ar' ? '/demo' : '/demo/en'}">${article.site}</a>
<a href="${article.otherLanguage.href}" lang="${article.otherLanguage.lang}" hreflang="${article.otherLanguage.lang}">${article.otherLanguage.label}</a></header>
<div class="wrap cols">
<main>
<article>
<p class="kicker">${article.kicker}</p>
<h1>${article.title}</h1>
<p class="byline">${article.byline}</p>
<p class="lede">${article.lede}</p>
${article.paragraphs.slice(0, 2).map((p) => html`<p>${p}</p>`)}
<figure><blockquote><p>${article.quote.text}</p></blockquote><figcaption>${article.quote.by}</figcaption></figure>
${article.paragraphs.slice(2).map((p) => html`<p>${p}</p>`)}
</article>
<div class="comments-area">${thread}</div>
</main>
<aside aria-labelledby="more-heading">
<h2 id="more-heading">${article.moreHeading}</h2>
<ul>
<li><a href="${lang === 'ar' ? '/demo' : '/demo/en'}">${article.title}</a><span class="count" data-majlis-count="${article.threadKey}"></span></li>
<li><a href="${article.otherLanguage.href}" lang="${article.otherLanguage.lang}" dir="${directionOf(article.otherLanguage.lang)}">${other.title}</a><span class="count" data-majlis-count="${other.threadKey}"></span></li>
</ul>
</aside>
</div>
</body>
</html>`.value;
}
