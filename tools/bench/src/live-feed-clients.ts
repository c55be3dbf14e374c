import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * The sockets of the live-feed bench, in their own process so that reading a thousand sockets does not share an
 * event loop with the bench's bookkeeping. Plain JavaScript on `ws`, so that it starts without a compiler. It
 * opens the sockets a batch at a time, subscribes each to one candle series, says `ready`, then for each frame
 * notes when it arrived (on the wall clock) and how many sockets had it, and prints that as JSON when told to stop.
 */
const CLIENT_SOURCE = `
const WebSocket = require('ws');
const [url, token, count, batch] = process.argv.slice(1);
const subscribe = JSON.stringify({ type: 'subscribe', channel: 'candles', symbol: 'BTC/USDT', timeframe: '1m' });
const frames = new Map();
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
function open() {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, ['lilux.v1'], { headers: { authorization: 'Bearer ' + token } });
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error('upgrade refused: ' + response.statusCode)));
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"subscribed"')) return resolve(socket);
      if (!text.startsWith('{"type":"candle"')) return;
      const at = now();
      const frame = frames.get(text);
      if (frame) { frame.last = at; frame.sockets++; } else frames.set(text, { first: at, last: at, sockets: 1 });
    });
    socket.once('open', () => socket.send(subscribe));
  });
}
(async () => {
  for (let opened = 0; opened < Number(count); opened += Number(batch)) {
    const size = Math.min(Number(batch), Number(count) - opened);
    sockets.push(...(await Promise.all(Array.from({ length: size }, open))));
  }
  frames.clear();
  process.stdout.write('ready\\n');
  process.stdin.once('data', () => {
    process.stdout.write(JSON.stringify([...frames.values()]) + '\\n');
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  });
})().catch((error) => { console.error(error.message); process.exit(1); });
`;

export interface FrameArrival {
  /** When the first and the last socket had the frame, ms on the wall clock. */
  first: number;
  last: number;
  sockets: number;
}

export interface LiveFeedClients {
  /** Stops the sockets and hands back every frame that arrived since they were all subscribed. */
  stop(): Promise<FrameArrival[]>;
}

/** Opens `count` sockets to `url` with `token`, `batch` at a time, each subscribed to the same candle series. */
export async function startLiveFeedClients(url: string, token: string, count: number, batch = 50): Promise<LiveFeedClients> {
  const child = spawn(process.execPath, ['-e', CLIENT_SOURCE, url, token, String(count), String(batch)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the live-feed clients exited with ${code}`);
  });
  const [ready] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  if (ready !== 'ready') throw new Error(`the live-feed clients said ${ready}`);
  return {
    stop: async () => {
      const report = once(lines, 'line');
      child.stdin.write('stop\n');
      const [line] = (await report) as [string];
      return JSON.parse(line) as FrameArrival[];
    },
  };
}
