// `npm run keys:rotate`: re-encrypt every stored secret under the first key (see apps/api/src/rotate-keys.ts).
import { runApiTool } from './api-tool.mjs';

runApiTool('rotate-keys');
