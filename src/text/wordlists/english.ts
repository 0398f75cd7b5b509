// The English base list is bad-words' own (its Filter's default list: bad-words' local list plus
// badwords-list). That list was built for chat filters, not news comments, so some entries are
// removed and some milder ones demoted to "suspect" (hold for review). Removal and demotion work on
// normalised keys, so leet spellings of a removed word ("c0ck" for "cock") go with it.
import { Filter } from 'bad-words';
import { entryKeys } from '../matcher.js';

// Entries that would flag ordinary news text, with the reason; grouped by kind of collision.
const REMOVED: Readonly<Record<string, string>> = {
  // everyday and religious vocabulary
  hell: '"what the hell", "hell on earth"', hells: 'Hells Angels', god: 'religion coverage',
  bloody: '"Bloody Sunday", "a bloody conflict"', screw: '"screw up"', screwing: '"screwing the taxpayer"',
  snatch: '"bag snatch", "snatch a late win"', lust: 'ordinary word', lusting: 'ordinary word',
  pawn: 'chess, "a political pawn"', flange: 'engineering', muff: '"muff a chance" in sport',
  knob: 'door knobs', knobs: 'door knobs', nob: '"nobs" for the well-off', poop: 'not abusive',
  fart: 'not abusive', preteen: 'ordinary word', masochist: 'ordinary word', sadist: 'ordinary word',
  doggin: '"problems dogging the minister"', dogging: '"problems dogging the minister"',
  'flipping the bird': 'describes a gesture', pron: 'abbreviation of pronoun/pronunciation',
  pornography: 'policy coverage of online pornography', sex: '"sex abuse", "same-sex marriage"',
  sexy: 'ordinary word', bestial: '"bestial violence"', bestiality: 'court reporting',
  // sport, science, business, places
  balls: 'cricket: "off 30 balls"', homo: '"Homo sapiens"', hoar: 'hoar frost in weather reports',
  spac: 'SPACs in business news', dyke: "dykes as flood defences, Devil's Dyke in Sussex",
  dike: 'flood defences', pula: 'Croatian city, Botswana currency', cipa: 'a US law (CIPA)',
  h4x0r: 'means "hacker"', 'a55': 'the A55 road in Wales', tit: '"tit-for-tat", the bird',
  cum: '"magna cum laude", "kitchen-cum-diner"', dink: 'tennis drop shot', dinks: 'tennis',
  nazi: 'history and politics coverage', nazis: 'history and politics coverage',
  kanker: 'Dutch/Afrikaans for cancer', mibun: 'Japanese "status"', pule: 'to whimper',
  yed: 'no abusive sense in English', penas: 'Spanish "penalties"; a surname',
  // names of people
  dick: 'a name: Cressida Dick, Dick Cheney, Moby-Dick ("dickhead" stays banned)',
  butt: 'common Pakistani surname (cricketer Salman Butt)', cox: 'surname (Jo Cox MP), Cox’s Bazar',
  cnut: 'King Cnut', wang: 'common Chinese surname', willy: 'given name (Willy Brandt)',
  willies: '"gives me the willies"', hoare: 'surname', cumming: 'surname and US town',
  kum: 'Korean river, Turkish "sand"', kummer: 'German surname', polak: 'Polish "Pole"; surname',
  phuc: 'Vietnamese name (Nguyen Xuan Phuc)', hui: 'the Hui Muslims of China',
  ekrem: 'Turkish name (Ekrem Imamoglu)', ekto: 'no abusive sense', rautenberg: 'surname',
  schaffer: 'surname', monkleigh: 'surname', lipshits: 'surname', lipshitz: 'surname',
  gaylord: 'surname and given name', packy: 'nickname', packie: 'New England liquor store',
  'l3itch': 'decodes to "leitch", a surname', 'fu(': 'decodes to "fu", a Chinese surname',
  // entries whose letters join or split into ordinary words
  's.o.b.': 'spelled-apart letters join into "sob"', 's hit': 'matches "Russia\'s hit"',
  // clinical words used in health reporting
  anus: 'clinical', rectum: 'clinical', semen: 'clinical', vagina: 'clinical', vulva: 'clinical',
  penis: 'clinical', testicle: 'clinical', scrotum: 'clinical', clitoris: 'clinical',
  labia: 'clinical', breasts: 'breast cancer screening', foreskin: 'clinical', feces: 'clinical',
  enema: 'clinical', orifice: 'clinical', ejaculate: 'clinical', ejaculated: 'clinical',
  ejaculates: 'clinical', ejaculating: 'clinical', ejaculation: 'clinical',
};

// Vulgar in one sense and ordinary in another ("cock-up", "a chink in the armour", the footballer
// Kike Sanchez Flores), or mild: held for a moderator instead of rejected.
const DEMOTED: readonly string[] = [
  'cock', 'cocks', 'prick', 'pricks', 'crap', 'damn', 'goddamn', 'goddamned', 'god-damned',
  'god-dam', 'piss', 'pissed', 'pissing', 'bugger', 'bum', 'turd', 'shag', 'slag', 'smut', 'boob',
  'tits', 'fanny', 'chink', 'coon', 'retard', 'kike', 'schmuck', 'feck', 'spunk', 'porn',
  'viagra', 'orgasm', 'orgasms', 'anal', 'dominatrix', 'horny', 'horniest', 'boner', 'xxx',
];

function clean(word: string): string {
  // bad-words marks some entries with wildcards ("arse*") and a few end in ";": whole words only.
  return word.replace(/\*/g, '').replace(/;$/, '').trim().toLowerCase();
}

function buildBanned(): string[] {
  const excluded = new Set([...Object.keys(REMOVED), ...DEMOTED].flatMap(entryKeys));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of new Filter().list) {
    const word = clean(raw);
    if (word === '' || seen.has(word)) continue;
    seen.add(word);
    const keys = entryKeys(word);
    if (keys.length > 0 && !keys.some((key) => excluded.has(key))) out.push(word);
  }
  return out;
}

/** English words to reject: bad-words' list minus entries that collide with news vocabulary. */
export const englishBannedWords: readonly string[] = buildBanned();

/** English words to hold for review: bad-words entries that are mild or have an ordinary sense. */
export const englishSuspectWords: readonly string[] = DEMOTED;
