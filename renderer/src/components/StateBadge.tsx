import type { AttemptState } from '../../../contract/domain';
import { stateLabel } from '../lib/format';

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

export function StateBadge({ state, large = false }: { state: AttemptState | 'idle'; large?: boolean }) {
  const label = state === 'idle' ? 'Idle' : stateLabel(state);
  const glyph = state === 'idle' ? '–' : GLYPHS[state];
  return (
    <span className={`badge badge-${state}${large ? ' badge-large' : ''}`}>
      <span className="badge-glyph" aria-hidden="true">
        {glyph}
      </span>
      {label}
    </span>
  );
}
