import { SESSION_VALIDITY_MS } from '../../../contract/rules';
import { sessionCountdown } from '../format/time';

/** The terminal session (Zoho's 3 minutes): time left as text and as a bar. */
export function Countdown({ sessionCreatedAt, now, compact = false }: { sessionCreatedAt: number; now: number; compact?: boolean }) {
  const countdown = sessionCountdown(sessionCreatedAt, now);
  // To a tenth of a percent: the bar moves each second (3 minutes is about 0.6 % a second).
  const percent = Math.round(countdown.fraction * 1000) / 10;
  const urgency = countdown.remainingMs <= 30_000 ? ' countdown-low' : '';
  return (
    <div className={`countdown${compact ? ' countdown-compact' : ''}${urgency}`}>
      <div className="countdown-text">
        {countdown.expired ? (
          <span>Session time is up</span>
        ) : (
          <>
            <span className="countdown-clock" aria-hidden="true">
              {countdown.label}
            </span>
            <span className="countdown-caption" aria-hidden="true">
              {compact ? ' left' : ' left on the terminal'}
            </span>
            <span className="visually-hidden">{countdown.spoken} on the terminal</span>
          </>
        )}
      </div>
      <div
        className="countdown-progress"
        role="progressbar"
        aria-label="Terminal session time left"
        aria-valuemin={0}
        aria-valuemax={SESSION_VALIDITY_MS / 1000}
        aria-valuenow={Math.round(countdown.remainingMs / 1000)}
        aria-valuetext={countdown.expired ? 'Session time is up' : countdown.spoken}
      >
        <div className="countdown-progress-bar" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
