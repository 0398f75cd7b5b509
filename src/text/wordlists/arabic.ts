// The Arabic word lists the project maintains, curated for comments on news articles.
//
// Entries are written without tashkeel and in any letter variant (the matcher normalises both
// sides); proclitics (و ف ب ك ل ال) are added by the matcher, so "الشرموطة" needs no entry.
// An entry "يا X" also matches the glued "ياX" that comments often use.
//
// Deliberately NOT listed, because they are everyday political, religious or news vocabulary:
//   الله (one public list flags it), كلب (dog), حمار (donkey), خنزير (pork, swine flu),
//   قواد (also the plural of قائد, "commanders"), زبر (the Quran's "زبر الحديد"), عير (caravan,
//   Surat Yusuf), عرصة (courtyard), نيك (transliterates "Nick"), يلعن on its own ("الله يلعن
//   الظالمين" is a common, acceptable curse on oppressors), زنا / زانية (religious and legal
//   terms), كافر (theology), شاذ (grammar; "abnormal"). Substring lists also flag مصر and
//   words like عكس، مكسيك، تكساس، زبون، زبدة، دخول، مخول; whole-word matching avoids that.

// Profanity and sexual insults that have no ordinary meaning in news comments.
const BANNED: readonly string[] = [
  // شرموطة and family ("whore")
  'شرموط', 'شرموطة', 'شراميط', 'شرموطات',
  'عاهرة', 'عاهرات',
  'قحبة', 'قحاب', 'قحبات',
  // منيوك / متناك and family ("fucked", as an insult)
  'منيوك', 'منيوكة', 'منايك', 'متناك', 'متناكة', 'متناكين',
  'انيك', 'ينيك', 'انيكك', 'نيكك', 'نيكني',
  // genitals as insults; كس and زب are two letters, so the matcher accepts them behind proclitics
  // only together with the article (بكس is "box")
  'كس', 'كسك', 'كسها', 'كسمك', 'كس امك', 'كس اختك', 'كسختك',
  'زب', 'زبي', 'زبك',
  'طيز', 'طيزك', 'طيزها',
  'خرا', 'خراء',
  // pimp
  'عرص', 'معرص', 'معرصين',
  // insults to the family
  'ابن الكلب', 'ابن كلب', 'ابن الكلبة', 'ولاد الكلب', 'اولاد الكلب',
  'يلعن ابوك', 'يلعن ابوكم', 'يلعن امك', 'يلعن اختك', 'يلعن دينك', 'يلعن ربك', 'يلعن شرفك',
  'يا خول', 'خولات',
  // Arabizi (Latin-script Arabic)
  'sharmoota', 'sharmouta', 'sharmota', 'charmouta', 'kos omak', 'kosomak', 'kussomak', 'kusomak',
  'manyak', 'manyook', 'metnak', 'khawal',
];

// Insults and words that are abusive in one sense but ordinary or religious in another: held
// for a moderator rather than rejected.
const SUSPECT: readonly string[] = [
  // "خوّل" is "authorised" in news Arabic as well as an Egyptian slur
  'خول',
  // "وللعاهر الحجر" is a hadith quoted in religious discussion
  'عاهر',
  'مومس', 'داعر', 'داعرة', 'ديوث', 'لوطي', 'مخنث',
  // animal insults: the animal names alone are ordinary, the vocative is an insult
  'يا كلب', 'يا كلبة', 'يا حمار', 'يا حيوان', 'يا خنزير', 'يا جحش',
  'ابن الحرام', 'ولاد الحرام', 'ابن حرام',
  // spam for pornography
  'سكس', 'بزاز',
];

/** Arabic words and phrases to reject. */
export const arabicBannedWords: readonly string[] = BANNED;

/** Arabic words and phrases to hold for review. */
export const arabicSuspectWords: readonly string[] = SUSPECT;
