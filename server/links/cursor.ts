/**
 * The list's cursor: where a page ended, as the client carries it. Opaque to
 * clients (base64url), it names the last link read by its creation time and
 * id, so the next page starts after it however many links are made meanwhile.
 */

export interface ListPosition {
  createdAt: number;
  id: string;
}

const POSITION = /^(\d{1,15})\.([\w-]{1,64})$/;

export const encodeCursor = ({ createdAt, id }: ListPosition): string => Buffer.from(`${createdAt}.${id}`).toString('base64url');

/** The position a cursor names, or `undefined` when it is not one of ours. */
export function decodeCursor(cursor: string): ListPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { createdAt: Number(match[1]), id: match[2]! } : undefined;
}
