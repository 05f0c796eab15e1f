// Times for the screens: "3 s ago", the terminal session's countdown. Dates and clock times are
// shown with contract/calendar.ts, one format everywhere.
// Pure functions (no DOM, no zustand stores) so they can be unit-tested.
import { SESSION_VALIDITY_MS } from '../../../contract/rules';

/** 135 s → "2:15"; never negative. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

export interface Countdown {
  /** Milliseconds left of the session, 0 when it has run out. */
  remainingMs: number;
  /** Share of the session left, from 1 (just created) to 0 (expired). */
  fraction: number;
  expired: boolean;
  /** "2:15" */
  label: string;
  /** "2 minutes 15 seconds left", for screen readers. */
  spoken: string;
}

/** The terminal session's countdown: Zoho's session validity (3 minutes) from when it created the session. */
export function sessionCountdown(sessionCreatedAt: number, now: number, validityMs = SESSION_VALIDITY_MS): Countdown {
  const elapsed = Math.max(0, now - sessionCreatedAt);
  const remainingMs = Math.max(0, validityMs - elapsed);
  const fraction = validityMs > 0 ? remainingMs / validityMs : 0;
  return {
    remainingMs,
    fraction,
    expired: remainingMs === 0,
    label: formatClock(remainingMs),
    spoken: spokenDuration(remainingMs) + ' left',
  };
}

/** 135 000 → "2 minutes 15 seconds"; 5 000 → "5 seconds". */
export function spokenDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} ${seconds === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

/** How long ago, short: "just now", "3 s ago", "1 min 5 s ago", "12 min ago". */
export function agoLabel(then: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const rest = seconds % 60;
    return rest === 0 ? `${minutes} min ago` : `${minutes} min ${rest} s ago`;
  }
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min ago`;
}

/** "Last checked 3 s ago", or that no check has happened yet. */
export function lastCheckedLabel(lastPolledAt: number | null, now: number): string {
  return lastPolledAt === null ? 'Not checked yet' : `Last checked ${agoLabel(lastPolledAt, now)}`;
}

/** "09:00–10:00" for hour 9. */
export function hourRangeLabel(hour: number): string {
  const from = String(hour).padStart(2, '0');
  const to = String((hour + 1) % 24).padStart(2, '0');
  return `${from}:00–${to}:00`;
}
