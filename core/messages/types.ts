import type { FieldCode, FieldParams } from '../validate.js';

export type Locale = 'ko' | 'en';


/** Texts that the server and the widget both show: field names and field problems. */
export interface SharedMessages {
  fields: Record<string, string>;
  problems: Record<FieldCode, (params: FieldParams & { label: string }) => string>;
}
