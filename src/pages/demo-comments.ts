import type { Lang } from '../i18n/i18n.js';

/** A comment the demo threads start with; `replyTo` names an earlier one of the same thread. */
export interface DemoComment {
  id: string;
  replyTo?: string;
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  body: string;
  /** How long before the first start it was "posted", so the thread reads like a morning's talk. */
  minutesAgo: number;
}

/**
 * A short conversation under each demo article, so a new user sees the widget with real comments,
 * replies and avatars. Mixed-script names and text are on purpose: they show the bidi isolation.
 */
export const DEMO_COMMENTS: Record<Lang, DemoComment[]> = {
  ar: [
    {
      id: 'ar-1',
      authorName: 'سارة الحسيني',
      authorEmail: 'sara@example.org',
      body: 'خبر جميل! كنت أذاكر في قاعة المطالعة القديمة أيام الجامعة، ويسعدني أن الواجهة الحجرية بقيت كما هي.',
      minutesAgo: 190,
    },
    {
      id: 'ar-2',
      replyTo: 'ar-1',
      authorName: 'خالد منصور',
      authorEmail: 'khaled@example.org',
      body: 'وأنا كذلك. هل يعرف أحد إن كان الأرشيف الرقمي للصحف متاحًا من البيت أيضًا؟',
      minutesAgo: 150,
    },
    {
      id: 'ar-3',
      replyTo: 'ar-2',
      authorName: 'سارة الحسيني',
      authorEmail: 'sara@example.org',
      body: 'حسب موقع البلدية، التصفح من أجهزة القاعة الرئيسية فقط في البداية، والوصول عن بُعد مخطط له العام القادم.',
      minutesAgo: 120,
    },
    {
      id: 'ar-4',
      authorName: 'Omar Farouk',
      authorEmail: 'omar@example.net',
      authorUrl: 'https://example.net/omar',
      body: 'الدوام حتى العاشرة مساءً ممتاز للطلاب. أتمنى أن يضيفوا ورشة برمجة للأطفال بلغة Scratch إلى جانب ورش الخط.',
      minutesAgo: 45,
    },
  ],
  en: [
    {
      id: 'en-1',
      authorName: 'Margaret Okafor',
      authorEmail: 'margaret@example.org',
      body: 'Wonderful news. I spent many Saturday mornings there as a child, and I am glad the reading room kept its tall windows.',
      minutesAgo: 200,
    },
    {
      id: 'en-2',
      replyTo: 'en-1',
      authorName: 'Daniel Reyes',
      authorEmail: 'daniel@example.org',
      body: 'Same here! Does anyone know whether the newspaper archive can be searched from home?',
      minutesAgo: 160,
    },
    {
      id: 'en-3',
      replyTo: 'en-2',
      authorName: 'ليلى حداد',
      authorEmail: 'layla@example.net',
      body: 'The city’s website says remote access comes next year; for now it is the terminals in the main hall.',
      minutesAgo: 130,
    },
    {
      id: 'en-4',
      authorName: 'Tom Becker',
      authorEmail: 'tom@example.com',
      authorUrl: 'https://example.com/tom',
      body: 'Open until 10 p.m. is a big deal for students. I hope the calligraphy workshops fill up.',
      minutesAgo: 50,
    },
  ],
};
