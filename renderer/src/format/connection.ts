import { ZOHO_TROUBLE_LABELS } from '../../../contract/failures';
import type { ConnectionStatus } from '../../../contract/answers';
import { formatTime } from '../../../contract/calendar';

export type ConnectionTone = 'ok' | 'warn' | 'bad' | 'neutral';

/** The header's one-line summary of the Zoho connection. */
export function connectionSummary(connection: ConnectionStatus | null): { text: string; tone: ConnectionTone } {
  if (!connection) return { text: 'Checking connection…', tone: 'neutral' };
  if (connection.trouble) return { text: ZOHO_TROUBLE_LABELS[connection.trouble], tone: 'warn' };
  switch (connection.state) {
    case 'demo':
      return { text: 'Connected (demo)', tone: 'ok' };
    case 'connected':
      return { text: 'Connected to Zoho', tone: 'ok' };
    case 'not_configured':
      return { text: 'Zoho not connected', tone: 'bad' };
    case 'reconnect_required':
      return { text: 'Reconnect required', tone: 'bad' };
    case 'throttled':
      return {
        text: connection.retryAt ? `Throttled by Zoho until ${formatTime(connection.retryAt)}` : 'Throttled by Zoho',
        tone: 'warn',
      };
  }
}

export const EDITION_LABELS = { in: 'India', in_sandbox: 'India sandbox', us: 'United States' } as const;
