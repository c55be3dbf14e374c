import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The ceiling: a node:http server in its own process answering every request with a fixed body and nothing
 * else (no routing, auth, validation, logging). Plain JavaScript so that it starts without a compiler.
 */
const SERVER_SOURCE = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.argv[1]);
http.createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  response.end(body);
}).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + "\\n"); });
`;

export interface BareJsonServer {
  url: string;
  stop(): Promise<void>;
}

export async function startBareJsonServer(body: string): Promise<BareJsonServer> {
  const directory = mkdtempSync(join(tmpdir(), 'lilux-bench-'));
  const bodyFile = join(directory, 'body.json');
  writeFileSync(bodyFile, body);
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE, bodyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return {
    url: `http://127.0.0.1:${Number(port)}`,
    stop: async () => {
      child.kill();
      await once(child, 'exit');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
