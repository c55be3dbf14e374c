import { connect, Socket } from 'node:net';

/**
 * A bare TCP connection to the API, for what fetch cannot do: send a request a few bytes at a time, as a slow
 * (or malicious) client does, and see whether the server answers or hangs up.
 */
export class RawConnection {
  /** Everything the server sent, as text. */
  received = '';
  private isClosed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => (this.received += chunk.toString('latin1')));
    // A server that drops the connection resets it: the error is the hang-up these tests look for.
    socket.on('error', () => undefined);
    socket.on('close', () => (this.isClosed = true));
  }

  static open(baseUrl: string): Promise<RawConnection> {
    const { hostname, port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  write(text: string): void {
    if (!this.isClosed) this.socket.write(text);
  }

  /** Writes `text` one character every `intervalMs` until the server hangs up or `text` runs out. */
  async trickle(text: string, intervalMs: number): Promise<void> {
    for (const character of text) {
      if (this.isClosed) return;
      this.write(character);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** Resolves once the server has hung up (true), or after `timeoutMs` with the connection still open (false). */
  async waitForClose(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isClosed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.isClosed;
  }

  /** Resolves once the server has answered something or hung up. */
  async waitForAnswerOrClose(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received === '' && !this.isClosed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  close(): void {
    this.socket.destroy();
  }
}
