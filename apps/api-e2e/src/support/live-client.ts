/* eslint-disable @typescript-eslint/no-explicit-any -- messages are read field by field, as a client would */
import { WebSocket } from 'ws';

/** A test client that records every message so that tests can wait for the one they expect. */
export class LiveClient {
  readonly messages: any[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString())));
  }

  static connect(url: string, protocols: string[]): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, protocols);
      socket.once('open', () => resolve(new LiveClient(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async next(matches: (message: any) => boolean, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const index = this.messages.findIndex(matches);
      if (index >= 0) return this.messages.splice(index, 1)[0];
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
