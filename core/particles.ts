/**
 * Korean particles after a word we do not know in advance (a product, a
 * gateway's name): 을/를, 이/가, 은/는, 과/와 and (으)로 follow from whether the
 * word's last sound has a final consonant, so "커피를" but "케이크을" is wrong.
 * Latin letters and digits are read as Koreans read them ("KICC" 케이아이씨씨,
 * "7" 칠) to decide.
 */

export type Particle = '을/를' | '이/가' | '은/는' | '과/와' | '으로/로';

/** Latin letters and digits whose Korean reading ends in a final consonant, and which one (ㄹ matters for 로). */
const FINAL_OF_READING: Record<string, 'ㄹ' | 'other'> = {
  l: 'ㄹ', r: 'ㄹ', m: 'other', n: 'other',
  '0': 'other', '1': 'ㄹ', '3': 'other', '6': 'other', '7': 'ㄹ', '8': 'ㄹ',
};

/** The final consonant of the word's last sound: none, ㄹ, or another; `undefined` when it cannot be told (no letter at the end). */
function finalOf(word: string): 'none' | 'ㄹ' | 'other' | undefined {
  const last = [...word.replace(/[\s)\]}"'’”.,!?]+$/u, '')].at(-1);
  if (last === undefined) return undefined;
  const code = last.codePointAt(0)!;
  if (code >= 0xac00 && code <= 0xd7a3) {
    const final = (code - 0xac00) % 28;
    return final === 0 ? 'none' : final === 8 ? 'ㄹ' : 'other';
  }
  if (/[0-9]/.test(last) || /(^|[^A-Za-z])[A-Za-z]$|[A-Z]{2}$/.test(word.trimEnd())) return FINAL_OF_READING[last.toLowerCase()] ?? 'none';
  if (/[a-z]/i.test(last)) return finalOfEnglish(word);
  return undefined;
}

/** An English word read as a word ("PayWelcome" 페이웰컴), not spelled: its last sounded letter, past a silent e. */
function finalOfEnglish(word: string): 'none' | 'ㄹ' | 'other' {
  const letters = /[a-z]+$/i.exec(word.trimEnd())![0].toLowerCase().replace(/(?<=..)e$/, '');
  const last = letters.at(-1)!;
  if (last === 'l') return 'ㄹ';
  return 'mnkptbdgc'.includes(last) ? 'other' : 'none';
}

/** `word` with the particle that fits it: `withParticle('커피', '을/를')` is "커피를". */
export function withParticle(word: string, particle: Particle): string {
  const [afterConsonant, afterVowel] = particle.split('/') as [string, string];
  const final = finalOf(word);
  // Unknown ending: the written convention that fits either reading, e.g. "을(를)".
  if (final === undefined) return `${word}${afterConsonant}(${afterVowel})`;
  if (particle === '으로/로') return `${word}${final === 'other' ? afterConsonant : afterVowel}`;
  return `${word}${final === 'none' ? afterVowel : afterConsonant}`;
}
