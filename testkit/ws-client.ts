// For tests: a minimal WebSocket client over a raw socket (RFC 6455), to reach the browser host's
// call socket as a page would, and to send it what no browser would.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface SocketAnswer {
  /** The handshake's status line and headers (until the blank line). */
  head: string;
  socket: Socket;
  /** Text messages and close codes as they arrive. */
  received: (string | { close: number })[];
}

/** Opens GET `path` with the upgrade headers and `headers`; resolves once the handshake's answer head arrived. */
export function openTestSocket(port: number, path: string, headers: Record<string, string>): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: SocketAnswer['received'] = [];
    let buffer = Buffer.alloc(0);
    let head: string | null = null;
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (head === null) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        resolve({ head, socket, received });
        if (!head.startsWith('HTTP/1.1 101')) return;
      }
      // Server frames are unmasked; the tests' answers are under 64 KB.
      while (buffer.length >= 2) {
        const second = buffer[1] ?? 0;
        const short = second & 0x7f;
        const at = short === 126 ? 4 : 2;
        if (buffer.length < at) return;
        const length = short === 126 ? buffer.readUInt16BE(2) : short;
        if (buffer.length < at + length) return;
        const payload = buffer.subarray(at, at + length);
        const opcode = (buffer[0] ?? 0) & 0x0f;
        received.push(opcode === 0x8 ? { close: payload.readUInt16BE(0) } : payload.toString('utf8'));
        buffer = buffer.subarray(at + length);
      }
    });
    const key = randomBytes(16).toString('base64');
    const lines = Object.entries({ host: `127.0.0.1:${port}`, upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': key, 'sec-websocket-version': '13', ...headers });
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`);
  });
}

/** One client frame: masked, as browsers send them; `fin` false for a fragment. */
export function clientFrame(opcode: number, payload: Buffer, fin = true, masked = true): Buffer {
  const mask = masked ? randomBytes(4) : Buffer.alloc(0);
  const length = payload.length;
  const head = length < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, (masked ? 0x80 : 0) | length]) : Buffer.from([(fin ? 0x80 : 0) | opcode, (masked ? 0x80 : 0) | 126, length >> 8, length & 0xff]);
  const body = Buffer.from(payload);
  if (masked) for (let i = 0; i < body.length; i += 1) body[i] = (body[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([head, mask, body]);
}

/** Waits until `count` messages (or closes) have arrived. */
export async function receivedAtLeast(answer: SocketAnswer, count: number): Promise<SocketAnswer['received']> {
  const deadline = Date.now() + 5000;
  while (answer.received.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${answer.received.length} of ${count} messages arrived: ${JSON.stringify(answer.received)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return answer.received;
}
