// The browser host's calls over one WebSocket (RFC 6455, text frames only): GET /api/calls upgrades,
// then each message is {"id", "name", "input"} and each answer {"id", "result"}, a Result as POST
// /api/call/<name> answers. Chromium's fetch costs about 5 ms a call on top of the host's own
// (docs/BENCHMARKS.md, "Catalogue"); a message on an open socket about 1 ms. The upgrade passes the
// same guard as every /api request (server.ts: host, origin, fetch metadata, the token's cookie);
// the input is parsed by the call's schema in the backend, as over HTTP.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isHandlerName } from '../contract/handlers';
import { fail, type ErrorCode } from '../contract/result';
import type { Backend } from '../core/backend';
import type { Logger } from '../core/logger';

/** RFC 6455 section 1.3: the key's answer is SHA-1 of the key and this GUID, in base64. */
const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { continuation: 0x0, text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;
/** Close codes (RFC 6455 section 7.4.1). */
const CLOSE = { normal: 1000, protocolError: 1002, unsupported: 1003, invalidData: 1007, tooBig: 1009 } as const;

/** Answers an upgrade that passed the guard: refuses one that is not a WebSocket handshake, else opens the call socket. */
export function acceptCallSocket(req: IncomingMessage, socket: Duplex, backend: Backend, maxMessageBytes: number, open: Set<Duplex>, log: Logger): void {
  const key = req.headers['sec-websocket-key'];
  if (req.method !== 'GET' || req.headers.upgrade?.toLowerCase() !== 'websocket' || req.headers['sec-websocket-version'] !== '13' || typeof key !== 'string' || !key) {
    return refuseUpgrade(socket, 400, 'A WebSocket handshake (version 13) is expected here.', 'invalid_input');
  }
  const accept = createHash('sha1').update(key + ACCEPT_GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  open.add(socket);
  socket.on('close', () => open.delete(socket));
  socket.on('error', () => socket.destroy());
  const frames = new FrameReader(maxMessageBytes);
  socket.on('data', (chunk: Buffer) => {
    const read = frames.add(chunk);
    for (const message of read.messages) void answer(message, socket, backend, log);
    for (const ping of read.pings) sendFrame(socket, OP.pong, ping);
    if (read.close !== null) closeSocket(socket, read.close);
  });
}

/** Refuses an upgrade before any WebSocket exists, in plain HTTP, with a Result as every /api refusal. */
export function refuseUpgrade(socket: Duplex, status: number, message: string, code: ErrorCode = 'internal'): void {
  const body = JSON.stringify(fail(code, message));
  socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

async function answer(text: string, socket: Duplex, backend: Backend, log: Logger): Promise<void> {
  const message = parseMessage(text);
  if (!message) return closeSocket(socket, CLOSE.invalidData);
  const { id, name, input } = message;
  // A message is at most the body limit of a call by POST; a larger file (a catalogue) goes by POST, which allows it more.
  const result = isHandlerName(name) ? await backend.call(name, input) : fail('not_found', 'There is no such call.');
  if (!socket.writable) return log.info('call socket closed before its answer', { call: name });
  sendFrame(socket, OP.text, Buffer.from(JSON.stringify({ id, result })));
}

function parseMessage(text: string): { id: number; name: string; input: unknown } | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { id, name, input } = value as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof name !== 'string') return null;
    return { id, name, input: input ?? {} };
  } catch {
    return null;
  }
}

function sendFrame(socket: Duplex, opcode: number, payload: Buffer): void {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 0x10000 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126) {
    head[0] = 0x80 | opcode;
    head[1] = length < 0x10000 ? 126 : 127;
    if (length < 0x10000) head.writeUInt16BE(length, 2);
    else head.writeBigUInt64BE(BigInt(length), 2);
  }
  socket.write(Buffer.concat([head, payload]));
}

function closeSocket(socket: Duplex, code: number): void {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  if (socket.writable) sendFrame(socket, OP.close, payload);
  socket.end();
}

interface Read {
  messages: string[];
  pings: Buffer[];
  /** A close code to answer with and stop: the client closed, or broke the protocol. */
  close: number | null;
}

/**
 * Client frames as they arrive, cut anywhere: masked (RFC 6455 section 5.3), text messages
 * possibly in fragments, pings and close. A message larger than the limit, a binary message or an
 * unmasked frame closes the socket.
 */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;

  constructor(private readonly maxMessageBytes: number) {}

  add(chunk: Buffer): Read {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const read: Read = { messages: [], pings: [], close: null };
    for (;;) {
      const frame = this.nextFrame();
      if (frame === null) return read;
      if (typeof frame === 'number') return { ...read, close: frame };
      const { fin, opcode, payload } = frame;
      if (opcode === OP.close) return { ...read, close: CLOSE.normal };
      if (opcode === OP.ping) read.pings.push(payload);
      else if (opcode === OP.pong) continue;
      else if (opcode === OP.text || opcode === OP.continuation) {
        if ((opcode === OP.text) === this.fragments.length > 0) return { ...read, close: CLOSE.protocolError };
        this.fragmentBytes += payload.length;
        if (this.fragmentBytes > this.maxMessageBytes) return { ...read, close: CLOSE.tooBig };
        this.fragments.push(payload);
        if (fin) {
          read.messages.push(Buffer.concat(this.fragments).toString('utf8'));
          this.fragments = [];
          this.fragmentBytes = 0;
        }
      } else return { ...read, close: CLOSE.unsupported };
    }
  }

  /** The next whole frame unmasked, null until one has arrived, or a close code. */
  private nextFrame(): { fin: boolean; opcode: number; payload: Buffer } | number | null {
    const data = this.pending;
    if (data.length < 2) return null;
    const first = data[0] ?? 0;
    const second = data[1] ?? 0;
    if ((second & 0x80) === 0) return CLOSE.protocolError;
    let length = second & 0x7f;
    let at = 2;
    if (length === 126) {
      if (data.length < 4) return null;
      length = data.readUInt16BE(2);
      at = 4;
    } else if (length === 127) {
      if (data.length < 10) return null;
      const long = data.readBigUInt64BE(2);
      if (long > BigInt(this.maxMessageBytes)) return CLOSE.tooBig;
      length = Number(long);
      at = 10;
    }
    if (length > this.maxMessageBytes) return CLOSE.tooBig;
    if (data.length < at + 4 + length) return null;
    const mask = data.subarray(at, at + 4);
    const payload = Buffer.from(data.subarray(at + 4, at + 4 + length));
    for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    this.pending = data.subarray(at + 4 + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload };
  }
}
