// The interview the coding benchmarks generate (bench/coding-view, bench/coding-workspace): 20,000 words of a fictional
// conversation in Dutch with thousands of codings, the same every run.
let seed = 20240601;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const VOCAB = (
  'de het een en van ik je dat die niet is was op te in met voor maar ook als er dan nog wel toen heel ' +
  'moeder vader kind kinderen zoon dochter oma opa gezin thuis huis pleeggezin pleegouders groep instelling ' +
  'jeugdzorg gezinsvoogd voogd rechter zitting uithuisplaatsing terugplaatsing omgang bezoek contact weekend ' +
  'school juf meester hulp hulpverlener gesprek plan afspraak regeling perspectief veiligheid zorgen ' +
  'moeilijk lastig fijn goed slecht blij boos verdrietig bang rustig onrustig eerlijk samen alleen ' +
  'gezegd gevraagd gedaan gezien gehoord gemerkt begrepen geholpen gewacht gebeld geschreven beslist ' +
  'weken maanden jaar dag avond ochtend keer altijd nooit soms vaak eigenlijk gewoon natuurlijk misschien ' +
  'wilde moest kon mocht ging kwam zei vond dacht wist zag hoorde voelde bleef werd had ' +
  'zij hij wij jullie hen haar hem ons mijn zijn onze hun jouw'
).split(' ');
const EXTRA = ['Zoë', 'Zoe\u0308', 'café', 'ideeën', 'coöperatie', 'naïef'];
const EMOJI = ['👍🏽', '😀', '🙂', '👨‍👩‍👧', '❤️'];
export const CODE_NAMES = ['Knelpunt', 'Contact en omgang', 'Perspectief', 'Veiligheid', 'Hulpverlening', 'Gezinsvoogd', 'Pleegouders', 'School', 'Rechter', 'Loyaliteit', 'Terugplaatsing', 'Netwerk', 'Emotie', 'Financiën', 'Huisvesting'];
export const COLORS = ['#1d4f91', '#a4161a', '#1e6b30', '#8a5300', '#5a2d82', '#00666e', '#b2182b', '#2166ac', '#7b3294', '#4a4f57', '#c2185b', '#33691e', '#e65100', '#006064', '#3949ab'];

/**
 * A generated interview: turns I:/R: (each "X: " label, then the words), sentences, paragraphs, some emoji and
 * combining accents (and, with `marker`, "Zoë 👍🏽" in the second turn, on screen at once: for offset checks), and
 * `codings` random spans of whole words, each with a code index and whether it has a memo. Offsets are code points.
 * The same seed gives the same interview.
 */
export function generateInterview({ words: WORDS, codings: CODINGS, marker = false }) {
  seed = 20240601;
  const parts = [];
  let cp = 0;
  const add = (s) => {
    parts.push(s);
    cp += [...s].length;
  };
  const words = []; // [start, end] in code points
  const turns = [];
  let speaker = 'I';
  let count = 0;
  while (count < WORDS) {
    const turnStart = cp;
    add(`${speaker}: `);
    const textStart = cp; // the transcript import's unit starts after the label
    const n = Math.min(WORDS - count, speaker === 'I' ? 8 + Math.floor(rnd() * 18) : 20 + Math.floor(rnd() * 160));
    let sentence = 0;
    for (let k = 0; k < n; k++) {
      let w = rnd() < 0.01 ? pick(EXTRA) : pick(VOCAB);
      if (sentence === 0) w = w[0].toUpperCase() + w.slice(1);
      const start = cp;
      add(w);
      words.push([start, cp]);
      count++;
      sentence++;
      if (k === n - 1) add(speaker === 'I' ? '?' : '.');
      else if (sentence > 6 && rnd() < 0.12) {
        add(rnd() < 0.8 ? '. ' : '? ');
        sentence = 0;
        if (speaker === 'R' && rnd() < 0.08) add('\n'); // a new paragraph inside the answer
      } else if (rnd() < 0.05) add(', ');
      else add(' ');
      if (rnd() < 0.004) add(`${pick(EMOJI)} `);
      if (marker && turns.length === 1 && k === 2) add('Zoe\u0308 👍🏽 ');
    }
    turns.push({ start: turnStart, textStart, end: cp, speaker });
    add('\n');
    speaker = speaker === 'I' ? 'R' : 'I';
  }
  const text = parts.join('');
  const codings = [];
  for (let i = 0; i < CODINGS; i++) {
    const w = Math.floor(rnd() * words.length);
    const len = Math.min(80, 1 + Math.floor(-Math.log(1 - rnd()) * 10));
    const last = Math.min(words.length - 1, w + len - 1);
    codings.push({ code: i % CODE_NAMES.length, start: words[w][0], end: words[last][1], memo: rnd() < 0.1 });
  }
  return { text, turns, codings, words: count };
}
