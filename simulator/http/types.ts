import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The raw body as text ('' when there is none). */
  body: string;
  /** Values of the route's `:name` segments. */
  params: Readonly<Record<string, string>>;
}

export interface SimReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** What the request log should say about this request beyond method, path and status. */
  logDetails?: LogDetails;
}

export interface LogDetails {
  sessionId?: string;
  grantType?: string;
}

export type Handler = (request: SimRequest) => SimReply;

/** The requests that fault injection can target. */
export type FaultTarget = 'create' | 'retrieve' | 'token' | 'refund_create' | 'refund_retrieve' | 'refund_list';
