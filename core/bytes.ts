/**
 * Byte length as Korean payment gateways count it: CP949 (EUC-KR with the
 * Unified Hangul Code extension). ASCII is 1 byte, every other encodable
 * character 2 bytes.
 *
 * The widget's live counters and the server's validation both call this
 * module, so a value the widget accepts is never refused by the server.
 * It uses no Node or DOM API beyond `TextDecoder`, which both have.
 */

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

/**
 * KS X 1001 (strict EUC-KR) is the 94×94 block of lead and trail bytes
 * 0xA1–0xFE. CP949 is that block plus the 8,822 Hangul syllables it lacks,
 * so "encodable in CP949" is "ASCII, any Hangul syllable, or in KS X 1001".
 *
 * Browsers decode `euc-kr` as windows-949 and Node (ICU) as strict EUC-KR;
 * inside this block the two agree except that ICU leaves out the two
 * symbols CP949 added there and maps the user-defined rows to private use.
 * Reading only this block, dropping private use and adding those two
 * symbols gives the same set on both sides.
 */
const CP949_ADDED_SYMBOLS = ['€', '®'];

let ksx1001: Set<string> | undefined;

function ksx1001Set(): Set<string> {
  if (ksx1001) return ksx1001;
  const decoder = new TextDecoder('euc-kr');
  const set = new Set<string>(CP949_ADDED_SYMBOLS);
  const pair = new Uint8Array(2);
  for (let lead = 0xa1; lead <= 0xfe; lead++) {
    pair[0] = lead;
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      pair[1] = trail;
      const char = decoder.decode(pair);
      const code = char.codePointAt(0)!;
      const privateUse = code >= 0xe000 && code <= 0xf8ff;
      if (char.length === 1 && char !== '\ufffd' && !privateUse) set.add(char);
    }
  }
  return (ksx1001 = set);
}

function isHangulSyllable(code: number): boolean {
  return code >= HANGUL_FIRST && code <= HANGUL_LAST;
}

/** Bytes of one character in CP949, or `null` when CP949 cannot encode it. */
export function charByteLength(char: string): 1 | 2 | null {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return 1;
  if (isHangulSyllable(code)) return 2;
  return ksx1001Set().has(char) ? 2 : null;
}

/** Total CP949 bytes of `text`, or `null` when any character cannot be encoded. */
export function cp949ByteLength(text: string): number | null {
  let total = 0;
  for (const char of text) {
    const bytes = charByteLength(char);
    if (bytes === null) return null;
    total += bytes;
  }
  return total;
}

/**
 * What can be counted of `text`: the CP949 bytes of every encodable
 * character, and the characters that cannot be encoded (emoji, most
 * symbols), each once, so a counter can show both rather than nothing.
 */
export function countBytes(text: string): { bytes: number; uncounted: string[] } {
  let bytes = 0;
  const uncounted = new Set<string>();
  for (const char of text) {
    const size = charByteLength(char);
    if (size === null) uncounted.add(char);
    else bytes += size;
  }
  return { bytes, uncounted: [...uncounted] };
}

/** The first character of `text` that CP949 cannot encode (emoji, most symbols). */
export function firstUnencodable(text: string): string | undefined {
  for (const char of text) if (charByteLength(char) === null) return char;
  return undefined;
}

/**
 * Hangul syllables that CP949 encodes but strict EUC-KR does not (똠, 뷁, 햏):
 * legal on the wire, but older PG screens may garble them, so callers warn.
 */
export function syllablesOutsideEucKr(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (isHangulSyllable(char.codePointAt(0)!) && !ksx1001Set().has(char)) found.add(char);
  }
  return [...found];
}

export type ByteCheck =
  | { ok: true; bytes: number; warnChars: string[] }
  | { ok: false; reason: 'too_long'; bytes: number; limit: number }
  | { ok: false; reason: 'unencodable'; char: string };

/** Checks `text` against a provider's byte limit, saying why it fails. */
export function checkBytes(text: string, limit: number): ByteCheck {
  const char = firstUnencodable(text);
  if (char !== undefined) return { ok: false, reason: 'unencodable', char };
  const bytes = cp949ByteLength(text)!;
  if (bytes > limit) return { ok: false, reason: 'too_long', bytes, limit };
  return { ok: true, bytes, warnChars: syllablesOutsideEucKr(text) };
}
