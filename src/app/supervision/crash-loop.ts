/**
 * Crash-loop detection for `arb live` under a supervisor that restarts it (systemd `Restart=`, a container
 * restart policy). Every start is recorded in `<stateDir>/starts.json` and marked clean when the run stops
 * cleanly; a start that crashed, was killed or failed (a red gate, a venue down) stays unclean. When the last
 * `maxStarts` starts were all unclean and all within `windowMs`, the next start refuses (and is not recorded):
 * restarting again would only repeat the failure, and perhaps a loss. `arb live --clear-crash-loop` clears it.
 * The decision is pure (crashLoopVerdict); the file is read and written around it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';

export interface StartRecord {
  readonly atMs: number;
  readonly pid: number;
  /** Set when that run stopped cleanly (exit 0). */
  readonly clean?: boolean;
}

export interface CrashLoopPolicy {
  readonly maxStarts: number;
  readonly windowMs: number;
}

/** Kept in the file: enough history for any sensible policy, bounded so the file cannot grow forever. */
const KEEP = 50;

export function crashLoopVerdict(
  starts: readonly StartRecord[],
  nowMs: number,
  policy: CrashLoopPolicy,
): { loop: false } | { loop: true; reason: string } {
  const last = starts.slice(-policy.maxStarts);
  if (last.length < policy.maxStarts) return { loop: false };
  if (last.some((s) => s.clean)) return { loop: false };
  const first = last[0]!;
  if (nowMs - first.atMs > policy.windowMs) return { loop: false };
  const minutes = Math.ceil(policy.windowMs / 60_000);
  return {
    loop: true,
    reason: `the last ${policy.maxStarts} starts (since ${new Date(first.atMs).toISOString()}) all ended without a clean stop, within ${minutes} min`,
  };
}

export class StartLedger {
  private constructor(
    private readonly file: string,
    private starts: StartRecord[],
    /** Why the file was unreadable, if it was (it is then started afresh, and this is said). */
    readonly problem: string | undefined,
  ) {}

  static open(stateDir: string): StartLedger {
    const file = join(stateDir, 'starts.json');
    if (!existsSync(file)) return new StartLedger(file, [], undefined);
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { starts?: unknown };
      if (!Array.isArray(parsed.starts)) throw new Error('no "starts" list');
      const starts = parsed.starts.filter(
        (s): s is StartRecord =>
          typeof s === 'object' && s !== null && typeof (s as StartRecord).atMs === 'number',
      );
      return new StartLedger(file, starts, undefined);
    } catch (e) {
      return new StartLedger(
        file,
        [],
        `${file} unreadable (${e instanceof Error ? e.message : String(e)}); starting it afresh`,
      );
    }
  }

  records(): readonly StartRecord[] {
    return this.starts;
  }

  recordStart(atMs: number, pid: number): void {
    this.starts = [...this.starts, { atMs, pid }].slice(-KEEP);
    this.save();
  }

  /** The start recorded last by this process stopped cleanly. */
  markClean(pid: number): void {
    const i = this.starts.findLastIndex((s) => s.pid === pid && !s.clean);
    if (i < 0) return;
    this.starts = this.starts.map((s, j) => (j === i ? { ...s, clean: true } : s));
    this.save();
  }

  clear(): void {
    this.starts = [];
    rmSync(this.file, { force: true });
  }

  private save(): void {
    writeFileAtomic(this.file, `${JSON.stringify({ starts: this.starts })}\n`);
  }
}
