/** Reply constructors, so handlers read as what they answer. */
import type { Reply } from './types.ts';

export const json = (status: number, body?: unknown, headers?: Readonly<Record<string, string>>): Reply =>
  headers === undefined ? { kind: 'json', status, body } : { kind: 'json', status, body, headers };

export const ok = (body: unknown): Reply => json(200, body);

/** `{"error": message}`, the shape both the admin API and Polymarket use. */
export const errorReply = (status: number, message: string): Reply => json(status, { error: message });

export const DROP: Reply = { kind: 'drop' };
export const HOLD: Reply = { kind: 'hold' };
