// A program calling Counter's integration API over real HTTP, as a shop's billing software would.
export interface ApiReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface ApiRequest {
  method?: 'GET' | 'POST';
  key?: string;
  body?: unknown;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export async function callIntegrationApi(baseUrl: string, path: string, request: ApiRequest = {}): Promise<ApiReply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.key) headers.authorization = `Bearer ${request.key}`;
  if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
