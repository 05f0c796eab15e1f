// A shift's drawer in words: over, short or exact by how much.
import type { ShiftReport } from '../../../contract/answers';
import { formatMoney } from '../../../contract/money';

/** "Short by ₹50.50", "Over by ₹10.00", "Exact", or null while the shift is open. */
export function overShortLabel(report: ShiftReport): string | null {
  const diff = report.overShortMinor;
  if (diff === null) return null;
  if (diff === 0) return 'Exact: the drawer holds what it should';
  return `${diff < 0 ? 'Short' : 'Over'} by ${formatMoney(Math.abs(diff), report.currency)}`;
}
