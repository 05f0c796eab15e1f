import type { Invoice } from '../../../../../contract/records';

/** An invoice another billing program sent through the integration API: which program, which of its invoices. */
export function ProgramSource({ invoice }: { invoice: Invoice | null }) {
  if (!invoice?.program) return null;
  return (
    <p className="payment-source">
      From <strong>{invoice.program}</strong>, ref <strong>{invoice.number}</strong>
    </p>
  );
}
