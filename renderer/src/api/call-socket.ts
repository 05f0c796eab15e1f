// Calls over the browser host's WebSocket (host/call-socket.ts): about 1 ms a call against about 5
// ms for Chromium's fetch (docs/BENCHMARKS.md, "Catalogue"). Used while it is open; until then,
// after it closed, or for a large input (a catalogue file), the client posts the call instead.

/** The part of a browser WebSocket used here (a fake in tests). */
export interface SocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'message' | 'close', listener: (event: { data?: unknown }) => void): void;
}

/** A socket that closed without opening (an older host, a refused upgrade) is tried again after this long. */
export const SOCKET_RETRY_MS = 5000;
/** Inputs longer than this go by POST: the host's message limit is a call body's (1 MB). */
export const SOCKET_MAX_INPUT = 64 * 1024;

export class CallSocket {
  private socket: SocketLike | null = null;
  private opened = false;
  private retryAt = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (body: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly open: () => SocketLike,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The call's answer (the host's JSON, unchecked) over the socket; null when the socket is not open (it is opened for the next calls). */
  send(name: string, body: string): Promise<unknown> | null {
    if (body.length > SOCKET_MAX_INPUT) return null;
    if (!this.socket) this.connect();
    const socket = this.socket;
    if (socket?.readyState !== 1) return null;
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      socket.send(`{"id":${id},"name":${JSON.stringify(name)},"input":${body}}`);
    });
  }

  private connect(): void {
    if (this.now() < this.retryAt) return;
    let socket: SocketLike;
    try {
      socket = this.open();
    } catch {
      // A browser that refuses the socket (a policy, an old browser): calls are posted, and it is tried again later.
      this.retryAt = this.now() + SOCKET_RETRY_MS;
      return;
    }
    this.socket = socket;
    this.opened = false;
    socket.addEventListener('open', () => {
      this.opened = true;
    });
    socket.addEventListener('message', ({ data }) => {
      const answer = parseAnswer(data);
      const waiting = answer && this.waiting.get(answer.id);
      if (!answer || !waiting) return;
      this.waiting.delete(answer.id);
      waiting.resolve(answer.result);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      // A socket that was open is opened again at the next call; one that never opened waits a while.
      if (!this.opened) this.retryAt = this.now() + SOCKET_RETRY_MS;
      this.socket = null;
      const lost = [...this.waiting.values()];
      this.waiting.clear();
      for (const call of lost) call.reject(new Error('The Counter host closed the call socket before answering'));
    });
  }
}

function parseAnswer(data: unknown): { id: number; result: unknown } | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as { id?: unknown; result?: unknown };
    return typeof value.id === 'number' ? { id: value.id, result: value.result } : null;
  } catch {
    return null;
  }
}
