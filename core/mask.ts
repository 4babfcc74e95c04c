/** A customer's name and email as everyone but the link's creator sees them: enough to recognise, not to contact. */

/** `김철수` → `김*수`, `남궁민수` → `남**수`, `김수` → `김*`; one character is hidden whole. */
export function maskName(name: string): string {
  // By code point, so a character outside the BMP is never cut in half.
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** `abcdef@example.com` → `ab***@example.com`; the stars never tell how long the name was. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '***';
  const local = Array.from(email.slice(0, at));
  // A one- or two-character name keeps less, so the stars always hide something.
  const kept = local.slice(0, Math.min(2, local.length - 1)).join('');
  return `${kept}***${email.slice(at)}`;
}
