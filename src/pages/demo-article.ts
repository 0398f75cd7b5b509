import type { Lang } from '../i18n/i18n.js';

/** A demo article: original text written for Majlis, one per language. */
export interface DemoArticle {
  threadKey: string;
  site: string;
  kicker: string;
  title: string;
  byline: string;
  lede: string;
  paragraphs: string[];
  quote: { text: string; by: string };
  otherLanguage: { href: string; label: string; lang: Lang };
  moreHeading: string;
}

/** The two demo articles, about the same (invented) reopening of a city library. */
export const DEMO_ARTICLES: Record<Lang, DemoArticle> = {
  ar: {
    threadKey: 'demo-library-ar',
    site: 'صحيفة المدينة',
    kicker: 'ثقافة',
    title: 'مكتبة المدينة العامة تفتح أبوابها من جديد بعد ثلاث سنوات من الترميم',
    byline: 'بقلم: فريق التحرير — الخميس',
    lede: 'عادت مكتبة المدينة العامة صباح اليوم لاستقبال زوارها، بعد أعمال ترميم استمرت ثلاث سنوات حافظت على واجهتها الحجرية القديمة وأضافت قاعات جديدة للأطفال والباحثين.',
    paragraphs: [
      'اصطف عشرات القراء أمام المدخل الرئيسي قبل موعد الافتتاح بساعة، بينهم طلاب جامعيون ومتقاعدون اعتادوا قضاء صباحاتهم بين الرفوف قبل إغلاقها.',
      'وتضم المكتبة بعد التجديد أكثر من مئة وعشرين ألف كتاب، إلى جانب أرشيف رقمي للصحف المحلية يعود إلى خمسينيات القرن الماضي، يمكن تصفحه مجانًا من أجهزة القاعة الرئيسية.',
      'كما خُصص الطابق الأرضي لركن الأطفال، وفيه مساحة للقراءة الجماعية وورش أسبوعية في الخط العربي والرسم، فيما يستقبل الطابق العلوي الباحثين في قاعة هادئة مزودة بإضاءة طبيعية.',
      'وأعلنت إدارة المكتبة أن ساعات العمل ستمتد حتى العاشرة مساءً طوال أيام الأسبوع عدا الجمعة، وأن بطاقة العضوية ستبقى مجانية لسكان المدينة.',
    ],
    quote: { text: 'أردنا أن تعود المكتبة بيتًا للجميع، لا مبنى جميلًا فحسب.', by: 'مديرة المكتبة' },
    otherLanguage: { href: '/demo/en', label: 'Read in English', lang: 'en' },
    moreHeading: 'الأكثر نقاشًا',
  },
  en: {
    threadKey: 'demo-library-en',
    site: 'The City Chronicle',
    kicker: 'Culture',
    title: 'City library reopens its doors after three years of restoration',
    byline: 'By the newsroom — Thursday',
    lede: 'The city’s public library welcomed readers again this morning, after a three-year restoration that kept its old stone front and added new rooms for children and researchers.',
    paragraphs: [
      'Dozens of readers queued at the main entrance an hour before opening, among them university students and retirees who used to spend their mornings among the shelves before it closed.',
      'The renovated library holds more than 120,000 books, and a digital archive of local newspapers going back to the 1950s that anyone can browse for free from the main hall.',
      'The ground floor is now a children’s corner with space for reading aloud and weekly workshops in Arabic calligraphy and drawing; upstairs, researchers have a quiet, daylit reading room.',
      'The library will stay open until 10 p.m. every day except Friday, and membership remains free for residents of the city.',
    ],
    quote: { text: 'We wanted the library back as a home for everyone, not just a beautiful building.', by: 'The library’s director' },
    otherLanguage: { href: '/demo', label: 'اقرأ بالعربية', lang: 'ar' },
    moreHeading: 'Most discussed',
  },
};
