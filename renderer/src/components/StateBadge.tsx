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

/**
 * Besides the attempt states: 'idle' (no payment), 'checked' (outcome unknown, checked by a manager),
 * and a paid payment refunded in part or in full.
 */
export type BadgeState = AttemptState | ExtraState;
type ExtraState = 'idle' | 'checked' | 'part_refunded' | 'refunded';

const EXTRA: Record<ExtraState, { label: string; glyph: string }> = {
  idle: { label: 'Idle', glyph: '–' },
  checked: { label: 'Checked by manager', glyph: '✎' },
  part_refunded: { label: 'Partly refunded', glyph: '↩' },
  refunded: { label: 'Refunded', glyph: '↩' },
};

function isExtra(state: BadgeState): state is ExtraState {
  return state in EXTRA;
}

export function StateBadge({ state, large = false }: { state: BadgeState; large?: boolean }) {
  const { label, glyph } = isExtra(state) ? EXTRA[state] : { label: stateLabel(state), glyph: GLYPHS[state] };
  return (
    <span className={`badge badge-${state}${large ? ' badge-large' : ''}`}>
      <span className="badge-glyph" aria-hidden="true">
        {glyph}
      </span>
      {label}
    </span>
  );
}
