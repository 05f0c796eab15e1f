// Where the integration API listens, from the shells' flags or environment: on by default on
// 127.0.0.1:47100; COUNTER_API_PORT (or --api-port) moves it, "off" (or --no-api) turns it off,
// COUNTER_API_LAN=1 (or --api-lan) opens it to the shop's network.
export const DEFAULT_INTEGRATION_PORT = 47_100;

export interface IntegrationApiSetting {
  port: number;
  lan: boolean;
}

export function integrationApiSetting(given: { port?: string | undefined; off?: boolean; lan?: boolean }, env: Record<string, string | undefined>): IntegrationApiSetting | null {
  const port = given.port ?? env.COUNTER_API_PORT;
  if (given.off || port === 'off') return null;
  const number = Number(port ?? DEFAULT_INTEGRATION_PORT);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) throw new Error('The integration API port (--api-port, COUNTER_API_PORT) must be a whole number from 0 to 65535, or off.');
  return { port: number, lan: given.lan ?? env.COUNTER_API_LAN === '1' };
}
