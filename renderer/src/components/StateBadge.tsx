import type { AttemptState } from '../../../contract/vocabulary';
import { stateLabel } from '../format/labels';

/** A glyph as well as a colour, so the state never depends on colour alone. */
const GLYPHS: Record<AttemptState, string> = {
  creating: '…',
  in_progress: '◷',
  succeeded: '✓',
  failed: '✕',
  rejected: '⊘',
  unknown: '?',
  unresolved: '!',
};

/** Besides the attempt states: 'idle' (no payment) and 'checked' (outcome unknown, checked by a manager). */
export type BadgeState = AttemptState | 'idle' | 'checked';

const EXTRA: Record<'idle' | 'checked', { label: string; glyph: string }> = {
  idle: { label: 'Idle', glyph: '–' },
  checked: { label: 'Checked by manager', glyph: '✎' },
};

export function StateBadge({ state, large = false }: { state: BadgeState; large?: boolean }) {
  const { label, glyph } = state === 'idle' || state === 'checked' ? EXTRA[state] : { label: stateLabel(state), glyph: GLYPHS[state] };
  return (
    <span className={`badge badge-${state}${large ? ' badge-large' : ''}`}>
      <span className="badge-glyph" aria-hidden="true">
        {glyph}
      </span>
      {label}
    </span>
  );
}
