// `npm run db:copy -- postgres://…`: copy the database DATABASE_URL names into an empty PostgreSQL one (see
// apps/api/src/copy-database.ts).
import { runApiTool } from './api-tool.mjs';

runApiTool('copy-database', process.argv.slice(2));
