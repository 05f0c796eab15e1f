import { useId, type ReactNode } from 'react';
import type { AppError } from '../../../contract/result';

/** The error's message when it is about `field` (a refusal names the field it is about). */
export function fieldError(error: AppError | undefined, field: string): string | undefined {
  return error?.field === field ? error.message : undefined;
}

interface FieldProps {
  label: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  className?: string;
  /** Renders the control with the ids it needs for its label, hint and error. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled form control with an optional hint and its error message right under it. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldError id={errorId} message={error} /> : null}
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message: string }) {
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** A message box: errors and notices after an action. */
export function Message({ kind, children }: { kind: 'error' | 'notice' | 'warning'; children: ReactNode }) {
  return (
    <div className={`message message-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span className="message-glyph" aria-hidden="true">
        {kind === 'error' ? '⚠' : kind === 'warning' ? '!' : 'ℹ'}
      </span>
      <div>{children}</div>
    </div>
  );
}
