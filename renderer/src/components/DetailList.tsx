import type { ReactNode } from 'react';

/** Terms and their values in two aligned columns (a payment's details, the Zoho connection). */
export function DetailList({ compact = false, children }: { compact?: boolean; children: ReactNode }) {
  return <dl className={`detail-list${compact ? ' detail-list-compact' : ''}`}>{children}</dl>;
}

export function DetailRow({ term, valueClassName, children }: { term: string; valueClassName?: string; children: ReactNode }) {
  return (
    <div className="detail-list-row">
      <dt>{term}</dt>
      <dd className={valueClassName}>{children}</dd>
    </div>
  );
}
