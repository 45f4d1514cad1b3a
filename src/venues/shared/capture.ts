/**
 * A capture of WebSocket traffic, as `arb debug feed` reads it (and as the recorder of "Record and replay" will
 * write it): JSON lines, one per frame received, `{"receivedMs": n, "frame": <the frame as received>}`, and one
 * per command the client sent, `{"sent": <command>}`. A frame that arrived as JSON is kept as JSON; one that
 * did not (Polymarket's `PONG`) is a string.
 *
 * A line that is not one of those is an error naming its line number; it is skipped and counted, and the rest
 * of the file is still read (one bad line never loses a capture).
 */
import { z } from 'zod';

export type CaptureLine =
  | { readonly kind: 'frame'; readonly line: number; readonly receivedMs: number; readonly frame: unknown }
  | { readonly kind: 'sent'; readonly line: number; readonly command: unknown };

export interface CaptureError {
  readonly line: number;
  readonly message: string;
}

export interface CaptureRead {
  readonly lines: readonly CaptureLine[];
  readonly errors: readonly CaptureError[];
}

const frameLine = z.strictObject({
  receivedMs: z.number().finite().nonnegative(),
  frame: z.unknown().refine((v) => v !== undefined, { message: 'frame is missing' }),
});
const sentLine = z.strictObject({ sent: z.unknown().refine((v) => v !== undefined) });

/** Every line of a capture, in order; blank lines are ignored. */
export function readCapture(text: string): CaptureRead {
  const lines: CaptureLine[] = [];
  const errors: CaptureError[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '') return;
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch (e) {
      errors.push({ line, message: `not JSON (${e instanceof Error ? e.message : String(e)})` });
      return;
    }
    const sent = sentLine.safeParse(v);
    if (sent.success) {
      lines.push({ kind: 'sent', line, command: sent.data.sent });
      return;
    }
    const frame = frameLine.safeParse(v);
    if (frame.success) {
      lines.push({ kind: 'frame', line, receivedMs: frame.data.receivedMs, frame: frame.data.frame });
      return;
    }
    const why = frame.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ');
    errors.push({
      line,
      message: `expected {"receivedMs": <ms>, "frame": …} or {"sent": …} (${why})`,
    });
  });
  return { lines, errors };
}

/** A frame as the socket would have handed it to the adapter: text (JSON frames re-serialised). */
export const frameText = (frame: unknown): string =>
  typeof frame === 'string' ? frame : JSON.stringify(frame);
