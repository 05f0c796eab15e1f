// The payments API's error answers, `{code, message}`. Codes Zoho documents are used where one
// fits; the others are the simulator's assumptions, listed in docs/SIMULATOR.md.

export interface ApiError {
  status: number;
  code: string;
  message: string;
}

const apiError = (status: number, code: string, message: string): ApiError => ({ status, code, message });

export const API_ERRORS = {
  invalidRequest: (message: string) => apiError(400, 'invalid_request', message),
  invalidParameter: (message: string) => apiError(400, 'invalid_parameter', message),
  invalidCurrency: (message: string) => apiError(400, 'invalid_currency', message),
  currencyNotSupported: (currency: string, accepted: string) =>
    apiError(400, 'currency_not_supported_for_payment', `Payments in ${currency} are not supported for this account. Use ${accepted}.`),
  unknownTerminal: (terminalId: string) =>
    apiError(400, 'invalid_terminal_id', `No terminal with the ID ${terminalId} is synced with this account.`),
  terminalBusy: (terminalId: string, sessionId: string) =>
    apiError(
      400,
      'terminal_busy',
      `Terminal ${terminalId} already has an active payment session (${sessionId}). Create a new one after it succeeds, fails or expires.`,
    ),
  sessionNotFound: () => apiError(404, 'resource_does_not_exist', 'The payment session you are trying to access does not exist.'),
  /** Zoho's documented 404 example; used for an account_id this token cannot act on. */
  notAuthorised: () => apiError(404, 'error', 'Not Authorised'),
  invalidToken: (message: string) => apiError(401, 'invalid_oauthtoken', message),
  invalidScope: () => apiError(401, 'invalid_oauthscope', 'The OAuth token does not carry the scope this API needs.'),
  rateLimited: () => apiError(429, 'rate_limit_exceeded', 'API usage limit exceeded. Please try again after some time.'),
} as const;
